import fc from 'fast-check';
import { addDays, DomainRuleError, londonDate, openDeadlines } from '@casetrail/workflow';
import { DaReferralCommand } from './da-referral.commands';
import { daReferralDecider } from './da-referral.decider';
import { daReferralCaseType } from './da-referral.definition';
import { DA_REFERRAL_EVENT_SCHEMAS, DaReferralEvent } from './da-referral.events';
import { DA_REFERRAL_STAGES, DaReferralState, riskOf, routeOf } from './da-referral.state';
import { ClosureOutcome, ContactOutcome, ReferralSource, RiskLevel, SupportService, VictimGender } from './da-referral.vocabulary';
import { context, dashAnswers, fold, IDVA, referralDetails } from './testing/da-referral.fixtures';

/** A command built from the case as it stands, so that ids, due times and dates can fit it. */
type CommandMaker = (state: DaReferralState, now: string) => DaReferralCommand;

const receive: fc.Arbitrary<CommandMaker> = fc
  .record({
    source: fc.constantFrom(...ReferralSource.options),
    gender: fc.constantFrom(...VictimGender.options),
    incidents: fc.integer({ min: 0, max: 6 }),
    lastMaracDaysAgo: fc.option(fc.integer({ min: -2, max: 800 })),
  })
  .map(({ source, gender, incidents, lastMaracDaysAgo }) => (_state, now) => {
    const details = referralDetails({ source, incidentsInLast12Months: incidents });
    return {
      type: 'ReceiveReferral',
      data: {
        ...details,
        victim: { ...details.victim, gender },
        ...(lastMaracDaysAgo === null ? {} : { lastMaracReferralDate: addDays(londonDate(now), -lastMaracDaysAgo) }),
      },
    };
  });

const assess: fc.Arbitrary<CommandMaker> = fc
  .record({
    yes: fc.integer({ min: 0, max: 24 }),
    count: fc.constantFrom(24, 24, 24, 23),
    judgement: fc.option(fc.record({ level: fc.constantFrom(...RiskLevel.options), reasons: fc.option(fc.constant('Stalking escalating')) })),
  })
  .map(({ yes, count, judgement }) => () => ({
    type: 'AssessRisk',
    data: {
      tool: { name: 'safelives-dash', version: '2009' },
      answers: dashAnswers(Math.min(yes, count), count),
      ...(judgement
        ? { professionalJudgement: { level: judgement.level, ...(judgement.reasons ? { reasons: judgement.reasons } : {}) } }
        : {}),
    },
  }));

const route: fc.Arbitrary<CommandMaker> = fc.oneof(
  fc.constantFrom(...SupportService.options).map((service): CommandMaker => () => ({
    type: 'RouteReferral',
    data: { route: 'support-service', service },
  })),
  fc
    .record({ meetingInDays: fc.integer({ min: -2, max: 28 }), withIdva: fc.boolean(), alsoSupport: fc.option(fc.constantFrom(...SupportService.options)) })
    .map(({ meetingInDays, withIdva, alsoSupport }): CommandMaker => (_state, now) => ({
      type: 'RouteReferral',
      data: {
        route: 'marac',
        meetingDate: addDays(londonDate(now), meetingInDays),
        ...(withIdva ? { idva: IDVA } : {}),
        ...(alsoSupport ? { supportService: alsoSupport } : {}),
      },
    })),
);

const allocate: fc.Arbitrary<CommandMaker> = fc.constant(() => ({ type: 'AllocateIdva', data: IDVA }));

const contact: fc.Arbitrary<CommandMaker> = fc
  .record({ minutesAgo: fc.integer({ min: -5, max: 3000 }), outcome: fc.constantFrom<ContactOutcome>('successful', 'no-answer', 'no-answer', 'unsafe-to-contact', 'declined') })
  .map(({ minutesAgo, outcome }): CommandMaker => (_state, now) => ({
    type: 'RecordContactAttempt',
    data: { attemptedAt: new Date(Date.parse(now) - minutesAgo * 60_000).toISOString(), method: 'phone', outcome },
  }));

const close: fc.Arbitrary<CommandMaker> = fc
  .record({ outcome: fc.constantFrom(...ClosureOutcome.options), notes: fc.option(fc.constant('Moved to another borough')) })
  .map(({ outcome, notes }): CommandMaker => () => ({ type: 'CloseReferral', data: { outcome, ...(notes ? { notes } : {}) } }));

const restrict: fc.Arbitrary<CommandMaker> = fc.constant(() => ({
  type: 'RestrictToNameAndAgencies',
  data: { reason: 'Need to know only' },
}));

const expire: fc.Arbitrary<CommandMaker> = fc.nat().map((pick): CommandMaker => (state) => {
  const open = openDeadlines(state.deadlines);
  const deadline = open[pick % Math.max(open.length, 1)];
  return { type: 'ExpireDeadline', data: deadline ? { deadlineId: deadline.deadlineId, dueAt: deadline.dueAt } : { deadlineId: 'none', dueAt: '2025-01-01T00:00:00.000Z' } };
});

type Step = { minutesLater: number; make: CommandMaker };

function step(make: fc.Arbitrary<CommandMaker>): fc.Arbitrary<Step> {
  return fc.record({ minutesLater: fc.integer({ min: 0, max: 3 * 24 * 60 }), make });
}

const anyCommand = fc.oneof(receive, assess, route, allocate, contact, close, restrict, expire);

/** Up to two commands of any kind, then (usually) the next step of a referral's life. */
function then(next: fc.Arbitrary<CommandMaker>): fc.Arbitrary<Step[]> {
  return fc
    .tuple(fc.array(step(anyCommand), { maxLength: 2 }), fc.option(step(next), { freq: 6 }))
    .map(([noise, lifecycle]) => (lifecycle ? [...noise, lifecycle] : noise));
}

/**
 * Random commands alone rarely get past intake; a referral's usual life with random commands
 * (including out-of-order and refused ones) between its steps reaches every stage.
 */
const steps: fc.Arbitrary<Step[]> = fc
  .tuple(then(receive), then(assess), then(route), then(allocate), fc.array(then(contact), { maxLength: 5 }), then(close), then(expire))
  .map(([received, assessed, routed, allocated, contacts, closed, expired]) => [
    ...received,
    ...assessed,
    ...routed,
    ...allocated,
    ...contacts.flat(),
    ...closed,
    ...expired,
  ]);

/** Runs the steps, keeping what decide accepts; a refusal by a rule is fine, anything else is a bug. */
function run(generated: Step[]) {
  let state = daReferralDecider.initialState();
  const visited: DaReferralState[] = [state];
  let now = Date.parse('2025-01-06T09:00:00.000Z');
  const accepted: DaReferralEvent[] = [];
  for (const { minutesLater, make } of generated) {
    now += minutesLater * 60_000;
    const at = new Date(now).toISOString();
    try {
      const events = daReferralDecider.decide(make(state, at), state, context(at));
      state = events.reduce(daReferralDecider.evolve, state);
      accepted.push(...events);
      visited.push(state);
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
    }
  }
  return { state, accepted, visited };
}

const SEVERITY: Record<RiskLevel, number> = { standard: 0, medium: 1, high: 2 };

describe('da-referral › properties over any sequence of commands', () => {
  it('accepted events fold without error, twice to the same state, into a known stage', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        const { state, accepted } = run(generated);
        expect(fold(accepted)).toEqual(state);
        expect(fold(accepted)).toEqual(fold(accepted));
        expect(DA_REFERRAL_STAGES).toContain(state.stage);
      }),
      { numRuns: 200 },
    );
  });

  it('every accepted event satisfies its own schema, so it can be stored and read back', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        for (const event of run(generated).accepted) {
          const result = DA_REFERRAL_EVENT_SCHEMAS[event.type].safeParse(event.data);
          expect([event.type, result.error?.issues ?? []]).toEqual([event.type, []]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the rules hold in every reachable state', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        run(generated).visited.forEach(expectRulesHold);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every stage, so the properties above are not vacuous', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(steps, (generated) => {
        run(generated).visited.forEach((state) => seen.add(state.stage));
      }),
      { numRuns: 200 },
    );
    expect([...seen].sort()).toEqual([...DA_REFERRAL_STAGES].sort());
  });
});

/** What must be true of any case, however it got there. */
function expectRulesHold(state: DaReferralState): void {
  const summary = daReferralCaseType.summarise(state);
  expect(summary.restricted).toBe(true);
  const risk = riskOf(state);
  if (risk) expect(SEVERITY[risk.finalLevel]).toBeGreaterThanOrEqual(SEVERITY[risk.scoreLevel]);
  const route = routeOf(state);
  if (route?.kind === 'marac') expect(route.reasons.length).toBeGreaterThan(0);
  if (route?.kind === 'support-service') expect(risk?.finalLevel).not.toBe('high');
  if (state.stage === 'contact' && state.route.kind === 'marac') expect(state.route.idva).not.toBeNull();
  if (state.stage === 'closed') expect(openDeadlines(state.deadlines)).toEqual([]);
}
