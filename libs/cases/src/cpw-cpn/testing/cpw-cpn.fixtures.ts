import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BankHolidayCalendar, DecisionContext, DomainRuleError, PolicyEntry, StaticPolicy } from '@casetrail/workflow';
import { deciderSpec } from '@casetrail/workflow/testing';
import { CommandData, CpwCpnCommand } from '../cpw-cpn.commands';
import { cpwCpnDecider } from '../cpw-cpn.decider';
import { CpwCpnEvent } from '../cpw-cpn.events';
import { cpwCpnPolicy, CpwCpnPolicyKey } from '../cpw-cpn.policy';
import { CpwCpnState } from '../cpw-cpn.state';

export const CASE_ID = 'cpw-cpn-0b7f6a52-8d0e-4c1f-9a3b-5e2d7c9f1a40';
export const POLICY_FILE = join(__dirname, '../../../../../policy/cpw-cpn.yaml');

const PolicyFileShape = z.strictObject({
  section: z.literal(cpwCpnPolicy.section),
  values: z.record(
    z.string(),
    z.array(z.strictObject({ effectiveFrom: z.iso.date(), value: z.unknown(), source: z.string().min(1).optional() })),
  ),
});

/** policy/cpw-cpn.yaml as written: the one source of the numbers for the code and the tests. */
export function policyFile() {
  return PolicyFileShape.parse(parse(readFileSync(POLICY_FILE, 'utf8')));
}

/** Today's policy, plus dated entries a test adds (a later law) or replaces (another council). */
export function cpwCpnPolicyTable(
  changes: { add?: Partial<Record<CpwCpnPolicyKey, PolicyEntry[]>>; replace?: Partial<Record<CpwCpnPolicyKey, PolicyEntry[]>> } = {},
): StaticPolicy {
  const values: Record<string, PolicyEntry[]> = { ...policyFile().values };
  for (const [key, entries] of Object.entries(changes.add ?? {})) values[key] = [...(values[key] ?? []), ...(entries ?? [])];
  for (const [key, entries] of Object.entries(changes.replace ?? {})) values[key] = entries ?? [];
  return new StaticPolicy({ [cpwCpnPolicy.section]: values });
}

/** England and Wales bank holidays (gov.uk) for the years the tests use. */
export const calendar = new BankHolidayCalendar({
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
});

export const ACTOR = { id: 'asb-officer-3', role: 'caseworker', agency: 'tmbc' } as const;

export function cpwCpnSpec(policy: StaticPolicy = cpwCpnPolicyTable()) {
  return deciderSpec(cpwCpnDecider, { caseId: CASE_ID, policy, calendar, actor: { ...ACTOR } });
}

export function context(now: string, policy: StaticPolicy = cpwCpnPolicyTable()): DecisionContext {
  return { caseId: CASE_ID, now, actor: { ...ACTOR }, policy, calendar };
}

/** 10:00 GMT on a London date (the tests' dates are in winter unless they say otherwise). */
export const at = (date: string) => `${date}T10:00:00.000Z`;

export function refusalOf(run: () => unknown): DomainRuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}

// ---- Command data ------------------------------------------------------------------------

export const council = { issuerType: 'council', issuerId: 'TMBC-ASB-3', name: 'Sam Okafor', agency: 'tmbc' } as const;
export const constable = { issuerType: 'constable', issuerId: 'PC-4412', name: 'Jo Reid', agency: 'kent-police' } as const;

/** An individual recipient; null for one whose date of birth is not known yet. */
export function openIndividual(dateOfBirth: string | null = '1990-05-17'): CpwCpnCommand {
  return {
    type: 'OpenEscalation',
    data: {
      recipient: {
        kind: 'individual',
        name: 'Alex Example',
        ...(dateOfBirth !== null ? { dateOfBirth } : {}),
        address: '12 Acacia Avenue, Tonbridge',
      },
      conduct: { narrative: 'Loud music from the garden most nights after 11pm since June.' },
      asbCaseId: 'asb-7c1d',
    },
  };
}

export function openBody(): CpwCpnCommand {
  return {
    type: 'OpenEscalation',
    data: {
      recipient: { kind: 'body', name: 'Riverside Takeaway Ltd', registeredAddress: '4 High Street, Tonbridge' },
      conduct: { narrative: 'Waste left in the alley behind the shop every weekend.' },
    },
  };
}

export const REQUIREMENTS = [
  { requirementId: 'R1', kind: 'stop', text: 'Stop playing amplified music in the garden after 11pm.' },
  { requirementId: 'R2', kind: 'do', text: 'Remove the speakers from the garden within 7 days.' },
] as const;

export function issueCpw(overrides: Partial<CommandData<'IssueCpw'>> = {}): CpwCpnCommand {
  const limb = (note: string) => ({ met: true, note });
  return {
    type: 'IssueCpw',
    data: {
      issuer: council,
      s43Test: {
        detrimentalEffect: limb('Neighbours report lost sleep; two diaries kept.'),
        persistentOrContinuing: limb('Four nights a week for three months.'),
        unreasonable: limb('Volume measured at 60dB at the boundary at 1am.'),
      },
      requirements: REQUIREMENTS.map((r) => ({ ...r })),
      timeToComply: { kind: 'days', days: 14 },
      statesCpnWillFollow: true,
      ...overrides,
    },
  };
}

export function reviewConduct(conductContinued: boolean): CpwCpnCommand {
  return { type: 'RecordConductAfterWarning', data: { conductContinued, note: 'Music heard on three nights since.' } };
}

export function issueCpn(overrides: Partial<CommandData<'IssueCpn'>> = {}): CpwCpnCommand {
  return {
    type: 'IssueCpn',
    data: {
      issuer: council,
      requirementIds: ['R1', 'R2'],
      appropriateBodiesInformed: [{ body: 'kent-police', informedOn: '2025-01-30' }],
      ...overrides,
    },
  };
}

export const recordBreach = (occurredOn: string, requirementIds: string[] = ['R1']): CpwCpnCommand => ({
  type: 'RecordBreach',
  data: { occurredOn, requirementIds, description: 'Music until 2am, recorded by the noise app.' },
});

// ---- Histories ---------------------------------------------------------------------------

/**
 * Builds a history by running commands through the decider itself, so the events a test is
 * given are ones the decider really produces.
 */
export function history(policy: StaticPolicy = cpwCpnPolicyTable()) {
  const events: CpwCpnEvent[] = [];
  let state: CpwCpnState = cpwCpnDecider.initialState();
  const builder = {
    run(command: CpwCpnCommand, now: string) {
      const produced = cpwCpnDecider.decide(command, state, context(now, policy));
      state = produced.reduce(cpwCpnDecider.evolve, state);
      events.push(...produced);
      return builder;
    },
    get events() {
      return [...events];
    },
    get state() {
      return state;
    },
  };
  return builder;
}

/**
 * The standard timeline (2025): opened Mon 6 Jan; warning Fri 10 Jan with 14 days (comply by
 * 24 Jan, in force until 9 Jul); conduct still going on 27 Jan; notice Mon 3 Feb (appeal by
 * 23 Feb, in force until 2 Feb 2026).
 */
export const DATES = {
  opened: '2025-01-06',
  cpwIssued: '2025-01-10',
  complyBy: '2025-01-24',
  cpwInForceUntil: '2025-07-09',
  reviewed: '2025-01-27',
  cpnIssued: '2025-02-03',
  appealDeadline: '2025-02-23',
  cpnInForceUntil: '2026-02-02',
} as const;

export const withOpened = (policy?: StaticPolicy) => history(policy).run(openIndividual(), at(DATES.opened));
export const withCpw = (policy?: StaticPolicy) => withOpened(policy).run(issueCpw(), at(DATES.cpwIssued));
export const withContinuedConduct = (policy?: StaticPolicy) => withCpw(policy).run(reviewConduct(true), at(DATES.reviewed));
export const withCpn = (policy?: StaticPolicy) => withContinuedConduct(policy).run(issueCpn(), at(DATES.cpnIssued));
/** A notice with one breach of R1 on 10 March 2025, recorded the next day. */
export const withBreach = (policy?: StaticPolicy) => withCpn(policy).run(recordBreach('2025-03-10'), at('2025-03-11'));
/** The breach's fixed penalty, issued 12 March 2025: 75 GBP by 22 March, 100 GBP by 26 March. */
export const withFpn = (policy?: StaticPolicy) =>
  withBreach(policy).run({ type: 'IssueFpn', data: { breachNumber: 1, issuer: council } }, at('2025-03-12'));
