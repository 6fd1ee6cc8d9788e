import fc from 'fast-check';
import { addDays, DomainRuleError } from '@casetrail/workflow';
import { CPW_CPN_COMMAND_SCHEMAS, CpwCpnCommand, CpwCpnCommandType } from './cpw-cpn.commands';
import { cpwCpnDecider } from './cpw-cpn.decider';
import { CPW_CPN_EVENT_SCHEMAS, CpwCpnEvent } from './cpw-cpn.events';
import { allowedCommands } from './cpw-cpn.stages';
import { Breach, CpwCpnState, STAGES } from './cpw-cpn.state';
import { context, council, cpwCpnPolicyTable, issueCpn, issueCpw, openBody, openIndividual, recordBreach } from './testing/cpw-cpn.fixtures';

/**
 * Any sequence of plausible commands, sent days or months apart: whatever decide accepts must be
 * valid by its schema and must fold, and folding the same events again gives the same state.
 */

type Template = (today: string, state: CpwCpnState) => CpwCpnCommand;

const mostly = (value: boolean) => fc.oneof({ arbitrary: fc.constant(value), weight: 9 }, { arbitrary: fc.constant(!value), weight: 1 });
const daysAgo = (max: number) => fc.integer({ min: 0, max });

// Commands name breaches and prosecutions by number: mostly ones that exist, sometimes the next.
const breachesOf = (state: CpwCpnState) => ('cpn' in state && state.cpn ? state.cpn.breaches : []);
const breachNumberOf = (state: CpwCpnState, pick: number, fits: (breach: Breach) => boolean = () => true) => {
  const breaches = breachesOf(state);
  const fitting = breaches.filter(fits);
  if (pick % 5 === 0) return (pick % (breaches.length + 1)) + 1;
  return fitting[pick % Math.max(fitting.length, 1)]?.breachNumber ?? breaches.length + 1;
};

const templates: { [K in CpwCpnCommandType]: fc.Arbitrary<Template> } = {
  OpenEscalation: fc.oneof(
    fc.integer({ min: 14 * 365, max: 40 * 365 }).map((ageInDays): Template => (today) => openIndividual(addDays(today, -ageInDays))),
    fc.constant<Template>(() => openIndividual(null)),
    fc.constant<Template>(() => openBody()),
  ),
  RecordRecipientDateOfBirth: fc.integer({ min: 16 * 365, max: 30 * 365 }).map((ageInDays): Template => (today) => ({
    type: 'RecordRecipientDateOfBirth',
    data: { dateOfBirth: addDays(today, -ageInDays) },
  })),
  IssueCpw: fc
    .record({ limbMet: mostly(true), warns: mostly(true), days: fc.integer({ min: 1, max: 30 }), byDate: fc.boolean() })
    .map(({ limbMet, warns, days, byDate }): Template => (today) => {
      const base = issueCpw();
      if (base.type !== 'IssueCpw') throw new Error('fixture');
      return issueCpw({
        s43Test: { ...base.data.s43Test, unreasonable: { met: limbMet, note: 'Measured at the boundary.' } },
        statesCpnWillFollow: warns,
        timeToComply: byDate ? { kind: 'date', complyBy: addDays(today, days - 1) } : { kind: 'days', days },
      });
    }),
  RecordConductAfterWarning: mostly(true).map((continued): Template => () => ({
    type: 'RecordConductAfterWarning',
    data: { conductContinued: continued, note: 'Reviewed with the neighbours.' },
  })),
  LapseCpw: fc.constant<Template>(() => ({ type: 'LapseCpw', data: {} })),
  IssueCpn: fc
    .record({
      ids: fc.oneof({ arbitrary: fc.subarray(['R1', 'R2'], { minLength: 1 }), weight: 4 }, { arbitrary: fc.constant<string[]>(['R1', 'R9']), weight: 1 }),
      informedDaysAgo: fc.option(daysAgo(10), { freq: 8 }),
    })
    .map(({ ids, informedDaysAgo }): Template => (today) =>
      issueCpn({
        requirementIds: ids,
        appropriateBodiesInformed: informedDaysAgo === null ? [] : [{ body: 'kent-police', informedOn: addDays(today, -informedDaysAgo) }],
      }),
    ),
  LodgeAppeal: daysAgo(25).map((ago): Template => (today) => ({ type: 'LodgeAppeal', data: { lodgedOn: addDays(today, -ago) } })),
  RecordAppealOutcome: fc
    .record({ outcome: fc.constantFrom('quashed', 'modified', 'dismissed'), ago: daysAgo(5), id: fc.constantFrom('R1', 'R2', 'R7') })
    .map(({ outcome, ago, id }): Template => (today) => {
      const decidedOn = addDays(today, -ago);
      return outcome === 'modified'
        ? { type: 'RecordAppealOutcome', data: { outcome, decidedOn, modifiedRequirements: [{ requirementId: id, text: 'Varied by the court.' }] } }
        : { type: 'RecordAppealOutcome', data: { outcome, decidedOn } };
    }),
  ExpireCpn: fc.constant<Template>(() => ({ type: 'ExpireCpn', data: {} })),
  RecordBreach: fc
    .record({ ago: daysAgo(40), ids: fc.subarray(['R1', 'R2'], { minLength: 1 }) })
    .map(({ ago, ids }): Template => (today) => recordBreach(addDays(today, -ago), ids)),
  IssueFpn: fc.nat().map((pick): Template => (_today, state) => ({
    type: 'IssueFpn',
    data: { breachNumber: breachNumberOf(state, pick, (b) => b.fpn === null), issuer: council },
  })),
  RecordFpnPayment: fc
    .record({ pick: fc.nat(), amount: fc.constantFrom('due', 'due', 'early', 'full', 'wrong'), ago: daysAgo(15) })
    .map(({ pick, amount, ago }): Template => (today, state) => {
      const breachNumber = breachNumberOf(state, pick, (b) => b.fpn?.status === 'issued');
      const fpn = breachesOf(state).find((b) => b.breachNumber === breachNumber)?.fpn;
      // Mostly a date on or after the notice, and the amount an honest payer would owe that day.
      const paidOn = fpn && addDays(today, -ago) < fpn.issuedOn ? fpn.issuedOn : addDays(today, -ago);
      const early = fpn?.earlyPayment && paidOn <= fpn.earlyPayment.payBy ? fpn.earlyPayment.amountPence : undefined;
      const owed = { due: early ?? fpn?.amountPence, early: fpn?.earlyPayment?.amountPence, full: fpn?.amountPence, wrong: 5_000 }[amount];
      return { type: 'RecordFpnPayment', data: { breachNumber, amountPence: owed ?? 10_000, paidOn } };
    }),
  RecordFpnUnpaid: fc.nat().map((pick): Template => (_today, state) => ({
    type: 'RecordFpnUnpaid',
    data: { breachNumber: breachNumberOf(state, pick, (b) => b.fpn !== null) },
  })),
  StartProsecution: fc.record({ pick: fc.nat(), also: fc.option(fc.nat()) }).map(({ pick, also }): Template => (_today, state) => {
    const first = breachNumberOf(state, pick);
    const second = also === null ? first : breachNumberOf(state, also);
    return { type: 'StartProsecution', data: { breachNumbers: [...new Set([first, second])], court: 'Medway Magistrates' } };
  }),
  RecordProsecutionOutcome: fc
    .record({
      pick: fc.nat(),
      result: fc.constantFrom('guilty', 'not-guilty', 'withdrawn'),
      charges: fc.integer({ min: 1, max: 5 }),
      fine: fc.constantFrom(10_000, 250_000, 300_000),
      ago: daysAgo(5),
    })
    .map(({ pick, result, charges, fine, ago }): Template => (today, state) => {
      const prosecutions = 'cpn' in state && state.cpn ? state.cpn.prosecutions : [];
      const prosecutionNumber = prosecutions[pick % Math.max(prosecutions.length, 1)]?.prosecutionNumber ?? 1;
      const decidedOn = addDays(today, -ago);
      return result === 'guilty'
        ? {
            type: 'RecordProsecutionOutcome',
            data: { result, prosecutionNumber, decidedOn, charges, finePerChargePence: fine, costsPence: 8_500, victimSurchargePence: 3_000 },
          }
        : { type: 'RecordProsecutionOutcome', data: { result, prosecutionNumber, decidedOn } };
    }),
  RecordRemedialAction: daysAgo(20).map((ago): Template => (today) => ({
    type: 'RecordRemedialAction',
    data: { description: 'Rubbish cleared from the alley.', costPence: 12_000, carriedOutOn: addDays(today, -ago) },
  })),
  CloseEscalation: fc.constantFrom('conduct-stopped', 'enforcement-concluded', 'no-further-action').map((outcome): Template => () => ({
    type: 'CloseEscalation',
    data: { outcome },
  })),
  ExpireDeadline: fc.record({ index: fc.nat(), armedLate: fc.boolean() }).map(({ index, armedLate }): Template => (_today, state) => {
    const deadlines = Object.values(state.deadlines);
    const deadline = deadlines[index % Math.max(deadlines.length, 1)];
    const deadlineId = deadline?.deadlineId ?? 'cpw-cpn-none/UNKNOWN';
    const dueAt = deadline && !armedLate ? deadline.dueAt : '2099-01-01T00:00:00.000Z';
    return { type: 'ExpireDeadline', data: { deadlineId, dueAt } };
  }),
};

// Mostly days apart; sometimes weeks; now and then months, to reach lapse and expiry.
const gap = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 24 },
  { arbitrary: fc.integer({ min: 4, max: 30 }), weight: 16 },
  { arbitrary: fc.integer({ min: 150, max: 400 }), weight: 1 },
);
// Usually one of the commands the stage offers, as an officer would; sometimes any command at all.
// Closing is kept rare, or few histories would get as far as a notice.
const steps = fc.array(
  fc.record({
    gap,
    lateEvening: fc.boolean(),
    offered: mostly(true),
    mayClose: fc.oneof({ arbitrary: fc.constant(false), weight: 19 }, { arbitrary: fc.constant(true), weight: 1 }),
    choice: fc.nat(),
    templates: fc.record(templates),
  }),
  { minLength: 5, maxLength: 60, size: 'max' },
);
type Step = typeof steps extends fc.Arbitrary<(infer T)[]> ? T : never;
const EVERY_COMMAND = Object.keys(templates) as CpwCpnCommandType[];

const policy = cpwCpnPolicyTable();
const reached = { stages: new Set<string>(), events: new Set<string>() };

/**
 * Sends one command and checks the answer: a refusal is a DomainRuleError (never a stage refusal
 * for a command the stage offers), an acceptance is allowed by the stage and every event it
 * returns is valid by its schema and folds to a known stage.
 */
function attempt(command: CpwCpnCommand, state: CpwCpnState, now: string): { state: CpwCpnState; events: CpwCpnEvent[] } {
  expect(CPW_CPN_COMMAND_SCHEMAS[command.type].safeParse(command.data).error).toBeUndefined();
  const allowed = allowedCommands(state).includes(command.type);
  let events: CpwCpnEvent[];
  try {
    events = cpwCpnDecider.decide(command, state, context(now, policy));
  } catch (error) {
    expect(error).toBeInstanceOf(DomainRuleError);
    if (allowed) expect((error as DomainRuleError).code).not.toBe('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE');
    return { state, events: [] };
  }
  expect(allowed).toBe(true);
  let next = state;
  for (const event of events) {
    expect(CPW_CPN_EVENT_SCHEMAS[event.type].safeParse(event.data).error).toBeUndefined();
    next = cpwCpnDecider.evolve(next, event);
    expect(STAGES).toContain(next.stage);
    reached.events.add(event.type);
  }
  reached.stages.add(next.stage);
  return { state: next, events };
}

function run(plan: Step[]) {
  let state = cpwCpnDecider.initialState();
  let day = '2025-01-06';
  const accepted: CpwCpnEvent[] = [];
  for (const step of plan) {
    day = addDays(day, step.gap);
    // 23:30 UTC is already the next London day in summer: the rules must count London dates.
    const now = `${day}T${step.lateEvening ? '23:30' : '10:00'}:00.000Z`;
    // An officer tries what the stage offers, in some order, until something is accepted; now
    // and then someone sends any command at all.
    const offered = allowedCommands(state).filter((c) => step.mayClose || c !== 'CloseEscalation');
    const tries = step.offered
      ? offered.map((_, i) => offered[(step.choice + i) % offered.length] ?? 'ExpireDeadline')
      : [EVERY_COMMAND[step.choice % EVERY_COMMAND.length] ?? 'OpenEscalation'];
    for (const type of tries) {
      const outcome = attempt(step.templates[type](day, state), state, now);
      state = outcome.state;
      accepted.push(...outcome.events);
      if (outcome.events.length > 0) break;
    }
  }
  return { state, accepted };
}

describe('CPW -> CPN: properties over generated histories', () => {
  it('folds whatever decide accepts, to the same state every time, even after a round trip through JSON', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        const { state, accepted } = run(plan);
        const fold = (events: CpwCpnEvent[]) => events.reduce(cpwCpnDecider.evolve, cpwCpnDecider.initialState());
        expect(fold(accepted)).toEqual(state);
        expect(fold(accepted)).toEqual(fold(accepted));
        expect(fold(JSON.parse(JSON.stringify(accepted)) as CpwCpnEvent[])).toEqual(state);
      }),
      // A failing history is long: shrinking it could run for minutes, so it stops after 20s with the smallest found.
      { numRuns: 300, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true },
    );
  });

  // Guards the property above (it runs first and fills `reached`) against a generator that never gets past the first stages.
  it('reaches every stage and the main events along the way', () => {
    expect([...reached.stages].sort()).toEqual([...STAGES].sort());
    expect([...reached.events]).toEqual(
      expect.arrayContaining(['CpnIssued', 'AppealDecided', 'FpnPaid', 'FpnUnpaid', 'ProsecutionConcluded', 'CpwLapsed', 'CpnExpired']),
    );
  });
});
