import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BankHolidayCalendar, DecisionContext, PolicyEntry, StaticPolicy } from '@casetrail/workflow';
import { deciderSpec } from '@casetrail/workflow/testing';
import { CommunityTriggerCommand, ReceiveApplication } from './community-trigger.commands';
import { communityTriggerDecider } from './community-trigger.decider';
import { CommunityTriggerEvent } from './community-trigger.events';
import { COMMUNITY_TRIGGER_POLICY_SECTION, CommunityTriggerPolicyKey } from './community-trigger.policy';
import { Complaint } from './community-trigger.schemas';
import { CommunityTriggerState } from './community-trigger.state';

/** Test support for the community-trigger specs: the real policy file, the real bank holidays. */

export const CASE_ID = 'community-trigger-6f1c2a9e';

/** England and Wales bank holidays (gov.uk/bank-holidays), including substitute days. */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Record<string, string[]> = {
  '2025': ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  '2026': ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  '2027': ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

export const calendar = new BankHolidayCalendar(ENGLAND_AND_WALES_BANK_HOLIDAYS);

export const POLICY_FILE = join(__dirname, '..', '..', '..', '..', 'policy', 'community-trigger.yaml');

export interface PolicyFile {
  section: string;
  values: Record<string, PolicyEntry[]>;
}

export function readPolicyFile(): PolicyFile {
  return parse(readFileSync(POLICY_FILE, 'utf8')) as PolicyFile;
}

/** The policy file as a lookup; `extra` adds dated entries, as a council's later change would. */
export function policyFromFile(extra: Partial<Record<CommunityTriggerPolicyKey, PolicyEntry[]>> = {}): StaticPolicy {
  const file = readPolicyFile();
  const values = { ...file.values };
  for (const [key, entries] of Object.entries(extra)) {
    values[key] = [...(values[key] ?? []), ...(entries ?? [])];
  }
  return new StaticPolicy({ [COMMUNITY_TRIGGER_POLICY_SECTION]: values });
}

export const policy = policyFromFile();

export function spec(lookup: StaticPolicy = policy) {
  return deciderSpec(communityTriggerDecider, { caseId: CASE_ID, policy: lookup, calendar });
}

export function contextAt(now: string, lookup: StaticPolicy = policy): DecisionContext {
  return {
    caseId: CASE_ID,
    now,
    actor: { id: 'officer-1', role: 'caseworker', agency: 'tmbc' },
    policy: lookup,
    calendar,
  };
}

// --- Builders ---------------------------------------------------------------------------------

let complaintNumber = 0;

export function complaint(behaviourDate: string, reportDate: string, extra: Partial<Complaint> = {}): Complaint {
  complaintNumber += 1;
  return {
    complaintId: `C-${complaintNumber}`,
    behaviourDate,
    reportDate,
    reportedTo: 'tmbc',
    category: 'noise',
    ...extra,
  };
}

export function receiveApplication(
  complaints: Complaint[],
  overrides: Partial<ReceiveApplication['data']> = {},
): ReceiveApplication {
  return {
    type: 'ReceiveApplication',
    data: {
      applicant: { relationship: 'victim', name: 'Alex Morgan', contact: { phone: '01632 960001' } },
      victim: { kind: 'person', name: 'Alex Morgan' },
      complaints,
      ...overrides,
    },
  };
}

export const notMetWithReasons = {
  type: 'AssessThreshold',
  data: {
    discretionaryDecision: {
      met: false,
      reasons: {
        persistence: 'Two incidents a month apart',
        harm: 'Low: no vulnerability identified',
        adequacyOfResponse: 'Both reports were visited within two days',
      },
    },
  },
} satisfies CommunityTriggerCommand;

/**
 * The events that a run of commands produces, each decided on the state the previous ones left,
 * so a `given` history is one the decider itself would have written.
 */
export function historyOf(
  steps: [CommunityTriggerCommand, string][],
  lookup: StaticPolicy = policy,
): { events: CommunityTriggerEvent[]; state: CommunityTriggerState } {
  let state = communityTriggerDecider.initialState();
  const events: CommunityTriggerEvent[] = [];
  for (const [command, now] of steps) {
    const produced = communityTriggerDecider.decide(command, state, contextAt(now, lookup));
    state = produced.reduce(communityTriggerDecider.evolve, state);
    events.push(...produced);
  }
  return { events, state };
}

export function eventOf<T extends CommunityTriggerEvent['type']>(
  events: CommunityTriggerEvent[],
  type: T,
): Extract<CommunityTriggerEvent, { type: T }> {
  const found = events.find((e): e is Extract<CommunityTriggerEvent, { type: T }> => e.type === type);
  if (!found) throw new Error(`no ${type} among ${events.map((e) => e.type).join(', ')}`);
  return found;
}
