import { z } from 'zod';
import { Deadlines } from '@casetrail/workflow';
import { EscalationOutcome, RequirementKind } from './cpw-cpn.vocabulary';

/**
 * What a decision needs to know about an escalation, folded from its events. Names and
 * narratives stay in the events: the state keeps only facts the rules test.
 */

export type Recipient = { kind: 'individual'; dateOfBirth: string | null } | { kind: 'body' };

export interface WarningRequirement {
  requirementId: string;
  kind: RequirementKind;
  text: string;
}

export interface Cpw {
  issuedOn: string;
  complyBy: string;
  /** The last day before the warning lapses. */
  inForceUntil: string;
  requirements: WarningRequirement[];
  /** The latest review after the time to comply; a later review supersedes an earlier one. */
  conduct: 'awaiting-review' | 'continued' | 'stopped';
}

export interface NoticeRequirement extends WarningRequirement {
  /** s46(3): while an appeal runs, only "stop" requirements stay in force. */
  status: 'in-force' | 'suspended';
}

export type Appeal =
  | { status: 'none' }
  | { status: 'lodged'; lodgedOn: string }
  | { status: 'decided'; lodgedOn: string; decidedOn: string; outcome: 'quashed' | 'modified' | 'dismissed' };

export interface Fpn {
  issuedOn: string;
  amountPence: number;
  earlyPayment: { amountPence: number; payBy: string } | null;
  payBy: string;
  paymentDeadlineId: string;
  status: 'issued' | 'paid' | 'unpaid';
}

export interface Breach {
  breachNumber: number;
  occurredOn: string;
  requirementIds: string[];
  fpn: Fpn | null;
  prosecutionNumber: number | null;
}

export interface Prosecution {
  prosecutionNumber: number;
  startedOn: string;
  breachNumbers: number[];
  result: 'pending' | 'guilty' | 'not-guilty' | 'withdrawn';
}

export interface Cpn {
  issuedOn: string;
  appealDeadline: string;
  /** The last day the notice is in force. */
  inForceUntil: string;
  requirements: NoticeRequirement[];
  appeal: Appeal;
  breaches: Breach[];
  prosecutions: Prosecution[];
  remedialActions: number;
}

interface Escalation {
  deadlines: Deadlines;
  openedAt: string;
  asbCaseId: string | null;
  recipient: Recipient;
  agencies: string[];
}

export type CpwCpnState =
  | { stage: 'awaiting-open'; deadlines: Deadlines }
  | (Escalation & { stage: 'opened' })
  | (Escalation & { stage: 'cpw-issued'; cpw: Cpw })
  | (Escalation & { stage: 'cpw-lapsed'; cpw: Cpw })
  | (Escalation & { stage: 'cpn-in-force'; cpw: Cpw; cpn: Cpn })
  | (Escalation & { stage: 'cpn-under-appeal'; cpw: Cpw; cpn: Cpn })
  | (Escalation & { stage: 'cpn-quashed'; cpw: Cpw; cpn: Cpn })
  | (Escalation & { stage: 'cpn-expired'; cpw: Cpw; cpn: Cpn })
  | (Escalation & {
      stage: 'closed';
      cpw: Cpw | null;
      cpn: Cpn | null;
      closedAt: string;
      outcome: z.infer<typeof EscalationOutcome>;
    });

export type Stage = CpwCpnState['stage'];
export type StateIn<S extends Stage> = Extract<CpwCpnState, { stage: S }>;
/** Every stage after the escalation was opened. */
export type OpenedState = Exclude<CpwCpnState, { stage: 'awaiting-open' }>;
/** The stages in which a notice has been issued and not closed. */
export type NoticeState = StateIn<'cpn-in-force' | 'cpn-under-appeal' | 'cpn-quashed' | 'cpn-expired'>;

// A record, not a list, so that adding a stage to the union fails to compile until it is listed.
const EVERY_STAGE: Record<Stage, true> = {
  'awaiting-open': true,
  opened: true,
  'cpw-issued': true,
  'cpw-lapsed': true,
  'cpn-in-force': true,
  'cpn-under-appeal': true,
  'cpn-quashed': true,
  'cpn-expired': true,
  closed: true,
};
export const STAGES = Object.keys(EVERY_STAGE) as Stage[];

export function initialState(): CpwCpnState {
  return { stage: 'awaiting-open', deadlines: {} };
}
