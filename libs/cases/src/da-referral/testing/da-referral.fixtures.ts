import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BankHolidayCalendar, DecisionContext, PolicyEntry, PolicyTable, StaticPolicy } from '@casetrail/workflow';
import { deciderSpec } from '@casetrail/workflow/testing';
import { CommandOf, DaReferralCommand } from '../da-referral.commands';
import { daReferralDecider } from '../da-referral.decider';
import { DaReferralEvent } from '../da-referral.events';
import { DaReferralState } from '../da-referral.state';
import { DashAnswer, ReferralDetails } from '../da-referral.vocabulary';

export const CASE_ID = 'da-referral-5b0e9c1e-2f4e-4a53-9d1f-1c2b3a4d5e6f';
export const POLICY_FILE = join(__dirname, '../../../../../policy/da-referral.yaml');

const PolicyFileShape = z.object({
  section: z.literal('da-referral'),
  values: z.record(
    z.string(),
    z.array(z.object({ effectiveFrom: z.string(), value: z.unknown(), source: z.string().optional() })),
  ),
});

let cachedPolicyFile: z.infer<typeof PolicyFileShape> | undefined;

/** The repository's policy file, read the way the loader reads it: one source for code and tests. */
export function policyFile(): z.infer<typeof PolicyFileShape> {
  cachedPolicyFile ??= PolicyFileShape.parse(parse(readFileSync(POLICY_FILE, 'utf8')));
  return cachedPolicyFile;
}

/** Today's policy, plus any later dated entries a test adds to show a change of policy. */
export function daPolicyTable(extra: Record<string, PolicyEntry[]> = {}): StaticPolicy {
  const { section, values } = policyFile();
  const merged = { ...values };
  for (const [key, entries] of Object.entries(extra)) merged[key] = [...(merged[key] ?? []), ...entries];
  const table: PolicyTable = { [section]: merged };
  return new StaticPolicy(table);
}

/** England and Wales bank holidays (gov.uk) for the years the tests use. */
export const calendar = new BankHolidayCalendar({
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
});

export function daSpec(policy: StaticPolicy = daPolicyTable()) {
  return deciderSpec(daReferralDecider, { caseId: CASE_ID, policy, calendar });
}

export function context(now: string, policy: StaticPolicy = daPolicyTable()): DecisionContext {
  return { caseId: CASE_ID, now, actor: { id: 'idva-7', role: 'caseworker', agency: 'davss' }, policy, calendar };
}

// ---- Command builders --------------------------------------------------------------------

/** Monday 3 March 2025, 09:00 GMT: the referral every scenario starts from. */
export const RECEIVED_AT = '2025-03-03T09:00:00.000Z';

export function referralDetails(overrides: Partial<ReferralDetails> = {}): ReferralDetails {
  return {
    source: 'police',
    referringAgency: 'kent-police',
    victim: {
      name: 'Alex Example',
      dateOfBirth: '1990-05-17',
      address: '1 Example Road, Tonbridge TN9 1AA',
      phone: '07700 900123',
      safeContactNotes: 'Call weekday mornings only',
      gender: 'female',
    },
    perpetrator: { name: 'Sam Example', dateOfBirth: '1988-11-02', relationshipToVictim: 'current-partner' },
    childrenInHousehold: 2,
    incidentsInLast12Months: 1,
    ...overrides,
  };
}

export function receiveReferral(overrides: Partial<ReferralDetails> = {}): CommandOf<'ReceiveReferral'> {
  return { type: 'ReceiveReferral', data: referralDetails(overrides) };
}

/** A Dash checklist with `yes` answers 'yes' and the rest split between 'no' and 'dont-know'. */
export function dashAnswers(yes: number, total = 24): DashAnswer[] {
  return Array.from({ length: total }, (_, i) => (i < yes ? 'yes' : i % 2 === 0 ? 'no' : 'dont-know'));
}

export function assessRisk(
  yes: number,
  professionalJudgement?: CommandOf<'AssessRisk'>['data']['professionalJudgement'],
): CommandOf<'AssessRisk'> {
  return {
    type: 'AssessRisk',
    data: {
      tool: { name: 'safelives-dash', version: '2009' },
      answers: dashAnswers(yes),
      ...(professionalJudgement ? { professionalJudgement } : {}),
    },
  };
}

export const IDVA = { idvaId: 'idva-7', service: 'lookahead-idva' };

export function routeToMarac(
  meetingDate: string,
  extras: { idva?: typeof IDVA; supportService?: 'outreach' | 'one-stop-shop' | 'freedom-programme' } = {},
): CommandOf<'RouteReferral'> {
  return { type: 'RouteReferral', data: { route: 'marac', meetingDate, ...extras } };
}

export function routeToSupport(service: 'outreach' | 'one-stop-shop' | 'freedom-programme' = 'outreach'): CommandOf<'RouteReferral'> {
  return { type: 'RouteReferral', data: { route: 'support-service', service } };
}

export function contactAttempt(
  attemptedAt: string,
  outcome: CommandOf<'RecordContactAttempt'>['data']['outcome'] = 'no-answer',
): CommandOf<'RecordContactAttempt'> {
  return { type: 'RecordContactAttempt', data: { attemptedAt, method: 'phone', outcome } };
}

export function closeReferral(
  outcome: CommandOf<'CloseReferral'>['data']['outcome'],
  notes?: string,
): CommandOf<'CloseReferral'> {
  return { type: 'CloseReferral', data: { outcome, ...(notes ? { notes } : {}) } };
}

// ---- Histories built by the decider itself, so every "given" is one decide can produce ----

export function history(
  steps: Array<[DaReferralCommand, string]>,
  { given = [], policy = daPolicyTable() }: { given?: DaReferralEvent[]; policy?: StaticPolicy } = {},
): DaReferralEvent[] {
  const events: DaReferralEvent[] = [...given];
  let state = fold(given);
  for (const [command, now] of steps) {
    const produced = daReferralDecider.decide(command, state, context(now, policy));
    state = produced.reduce(daReferralDecider.evolve, state);
    events.push(...produced);
  }
  return events;
}

export function fold(events: DaReferralEvent[]): DaReferralState {
  return events.reduce(daReferralDecider.evolve, daReferralDecider.initialState());
}

export const ASSESSED_AT = '2025-03-03T10:00:00.000Z';
export const ROUTED_AT = '2025-03-03T11:00:00.000Z';

/** Received at RECEIVED_AT and assessed at ASSESSED_AT with `yes` 'yes' answers. */
export function assessedHistory(yes: number, overrides: Partial<ReferralDetails> = {}): DaReferralEvent[] {
  return history([
    [receiveReferral(overrides), RECEIVED_AT],
    [assessRisk(yes), ASSESSED_AT],
  ]);
}

/** A medium-risk referral routed to outreach at ROUTED_AT: the support service makes contact. */
export function supportContactHistory(): DaReferralEvent[] {
  return history([
    [receiveReferral(), RECEIVED_AT],
    [assessRisk(11), ASSESSED_AT],
    [routeToSupport(), ROUTED_AT],
  ]);
}

/** A high-risk referral sent to MARAC at ROUTED_AT, with the IDVA named at once. */
export function idvaContactHistory(): DaReferralEvent[] {
  return history([
    [receiveReferral(), RECEIVED_AT],
    [assessRisk(16), ASSESSED_AT],
    [routeToMarac('2025-03-12', { idva: IDVA }), ROUTED_AT],
  ]);
}
