import fc from 'fast-check';
import { DecisionContext, DomainRuleError, addDays, londonDate, openDeadlines } from '@casetrail/workflow';
import { ASB_COMMAND_SCHEMAS, AsbCommand } from './asb.commands';
import { asbDecider } from './asb.decider';
import { ASB_EVENT_SCHEMAS, AsbEvent } from './asb.events';
import { allowedAsbCommands } from './asb.stages';
import { ASB_STAGES, AsbState } from './asb.state';
import { summariseAsb } from './asb.summary';
import { CASE_ID, OPENED_AT, RISK_ANSWERS, asbPolicyLookup, calendar, perpetratorSam, reportAsb } from './testing/asb-fixtures';

/** A command built when it is sent: its dates are relative to that day, and ExpireDeadline aims at the case's deadlines. */
type CommandFor = (today: string, state: AsbState) => AsbCommand;

const perpetratorId = fc.constantFrom('p-sam', 'p-ali', 'p-kim');
const agency = fc.constantFrom('tmbc', 'kent-police', 'town-housing');
const parties = [
  { role: 'perpetrator' as const, name: 'Sam Jones' },
  { role: 'council' as const, name: 'ASB officer' },
];

const logIncident: fc.Arbitrary<CommandFor> = fc
  .record({ incidentId: fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5'), daysAgo: fc.integer({ min: 0, max: 240 }), delay: fc.integer({ min: -2, max: 45 }), agency })
  .map((g) => (today) => ({
    type: 'LogIncident',
    data: { incidentId: g.incidentId, behaviourDate: addDays(today, -g.daysAgo), reportedDate: addDays(today, g.delay - g.daysAgo), description: 'Noise', reportingAgency: g.agency },
  }));

const identifyPerpetrator: fc.Arbitrary<CommandFor> = fc
  .record({ perpetratorId, bornDaysAgo: fc.integer({ min: -3, max: 20_000 }) })
  .map((g) => (today) => ({
    type: 'IdentifyPerpetrator',
    data: { perpetrator: { perpetratorId: g.perpetratorId, description: 'Youth on a bike', dateOfBirth: addDays(today, -g.bornDaysAgo) } },
  }));

const assessRisk: fc.Arbitrary<CommandFor> = fc
  .constantFrom('standard', 'medium', 'high')
  .map((level) => () => ({ type: 'RecordRiskAssessment', data: { level, answers: RISK_ANSWERS } }));

const assign: fc.Arbitrary<CommandFor> = fc
  .record({ caseworkerId: fc.constantFrom('cw-1', 'cw-2'), agency })
  .map((data) => () => ({ type: 'AssignCase', data }));

const agreeAbc: fc.Arbitrary<CommandFor> = fc
  .record({ perpetratorId, signed: fc.boolean(), reviewIn: fc.integer({ min: -2, max: 180 }) })
  .map((g) => (today) =>
    g.signed
      ? { type: 'AgreeAbc', data: { outcome: 'signed', perpetratorId: g.perpetratorId, parties, terms: 'No music after 11pm', reviewDate: addDays(today, g.reviewIn) } }
      : { type: 'AgreeAbc', data: { outcome: 'refused-to-sign', perpetratorId: g.perpetratorId, parties } },
  );

const otherActions: fc.Arbitrary<CommandFor> = fc
  .record({ perpetratorId, which: fc.integer({ min: 0, max: 3 }), mediationType: fc.constantFrom('neighbour', 'parent-and-teen', 'anger-management'), daysAgo: fc.integer({ min: -2, max: 10 }) })
  .map((g) => (today): AsbCommand => {
    switch (g.which) {
      case 0:
        return { type: 'IssueWarningLetter', data: { perpetratorId: g.perpetratorId, summary: 'Stop' } };
      case 1:
        return { type: 'ReferToMediation', data: { mediationType: g.mediationType, provider: 'kent-mediation' } };
      case 2:
        return { type: 'ReferToDiversionaryActivity', data: { perpetratorId: g.perpetratorId, activity: 'Football', provider: 'tmbc-youth' } };
      default:
        return { type: 'RecordMultiAgencyMeeting', data: { meetingDate: addDays(today, -g.daysAgo), agencies: ['tmbc', 'kent-police'], summary: 'Met' } };
    }
  });

const escalate: fc.Arbitrary<CommandFor> = fc
  .record({ route: fc.constantFrom('cpw-cpn', 'injunction', 'closure-order'), prefix: fc.constantFrom('cpw-cpn', 'injunction', 'closure-order'), uuid: fc.uuid() })
  .map((g) => () => ({ type: 'EscalateCase', data: { route: g.route, escalationCaseId: `${g.prefix}-${g.uuid}`, reason: 'Persistent' } }));

const always = (command: AsbCommand): fc.Arbitrary<CommandFor> => fc.constant(() => command);

const expire: fc.Arbitrary<CommandFor> = fc.nat(5).map((pick) => (_today, state) => {
  const open = openDeadlines(state.deadlines);
  const deadline = open[pick % Math.max(open.length, 1)];
  return { type: 'ExpireDeadline', data: deadline ? { deadlineId: deadline.deadlineId, dueAt: deadline.dueAt } : { deadlineId: `${CASE_ID}/NONE`, dueAt: OPENED_AT } };
});

const anyCommand = fc.oneof(
  { arbitrary: logIncident, weight: 3 },
  { arbitrary: identifyPerpetrator, weight: 1 },
  { arbitrary: assessRisk, weight: 2 },
  { arbitrary: assign, weight: 1 },
  { arbitrary: agreeAbc, weight: 1 },
  { arbitrary: otherActions, weight: 2 },
  { arbitrary: escalate, weight: 2 },
  { arbitrary: expire, weight: 2 },
  { arbitrary: always({ type: 'StartInvestigation', data: {} }), weight: 2 },
  { arbitrary: always({ type: 'RecordProgressReview', data: { summary: 'Monitoring' } }), weight: 1 },
  { arbitrary: always({ type: 'ResolveCase', data: { resolutionSummary: 'Stopped' } }), weight: 2 },
  { arbitrary: always({ type: 'CloseCase', data: { outcome: 'behaviour-reduced', victimSatisfaction: 'declined-to-answer' } }), weight: 2 },
  { arbitrary: always({ type: 'ReopenCase', data: { reason: 'Started again' } }), weight: 1 },
  { arbitrary: always({ type: 'MarkRestricted', data: { reason: 'Councillor involved' } }), weight: 1 },
  { arbitrary: always(reportAsb()), weight: 1 },
);

const firstReport: fc.Arbitrary<CommandFor> = fc
  .record({ withSam: fc.boolean(), category: fc.constantFrom('noise', 'hate-related', 'street-drinking') })
  .map((g) => (today) =>
    reportAsb({
      category: g.category,
      perpetrators: g.withSam ? [perpetratorSam] : [],
      firstIncident: { incidentId: 'i1', behaviourDate: addDays(today, -3), reportedDate: today, description: 'Noise' },
    }),
  );

/**
 * Each step offers a few candidate commands and, most of the time, sends the first one the
 * stage allows: random commands alone rarely get a case past triage.
 */
const step = fc.record({
  candidates: fc.array(anyCommand, { minLength: 6, maxLength: 6 }),
  preferAllowed: fc.double({ min: 0, max: 1, noNaN: true }).map((p) => p < 0.85),
  minutesLater: fc.integer({ min: 0, max: 60 * 24 * 20 }),
});

function chooseCommand(candidates: CommandFor[], preferAllowed: boolean, today: string, state: AsbState): AsbCommand {
  const built = candidates.map((build) => build(today, state));
  const allowed = allowedAsbCommands(state);
  return (preferAllowed ? built.find((c) => allowed.includes(c.type)) : undefined) ?? built[0]!;
}

const steps = fc.tuple(firstReport, fc.array(step, { maxLength: 40, size: 'max' }));

describe('ASB decider properties', () => {
  const policy = asbPolicyLookup();
  const fold = (events: AsbEvent[]) => events.reduce(asbDecider.evolve, asbDecider.initialState());

  it('whatever commands arrive, accepted events are valid, fold without error, and fold the same way twice', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        const [first, rest] = sequence;
        let clock = Date.parse(OPENED_AT);
        let state = asbDecider.initialState();
        const accepted: AsbEvent[] = [];
        for (const { candidates, preferAllowed, minutesLater } of [{ candidates: [first], preferAllowed: true, minutesLater: 0 }, ...rest]) {
          clock += minutesLater * 60_000;
          const now = new Date(clock).toISOString();
          const command = chooseCommand(candidates, preferAllowed, londonDate(now), state);
          expect(ASB_COMMAND_SCHEMAS[command.type].safeParse(command.data).success).toBe(true);
          const context: DecisionContext = { caseId: CASE_ID, now, actor: { id: 'officer-1', role: 'caseworker', agency: 'tmbc' }, policy, calendar };
          let events: AsbEvent[];
          try {
            events = asbDecider.decide(command, state, context);
          } catch (error) {
            // Only rules may refuse; anything else is a defect.
            if (!(error instanceof DomainRuleError)) throw error;
            const allowed = allowedAsbCommands(state).includes(command.type);
            expect(error.code === 'ASB_COMMAND_NOT_ALLOWED_IN_STAGE').toBe(!allowed);
            continue;
          }
          for (const event of events) expect(ASB_EVENT_SCHEMAS[event.type].safeParse(event.data).success).toBe(true);
          state = events.reduce(asbDecider.evolve, state);
          expect(ASB_STAGES).toContain(state.stage);
          expect(() => summariseAsb(state)).not.toThrow();
          accepted.push(...events);
        }
        expect(fold(accepted)).toEqual(state);
        expect(asbDecider.evolveAll!(asbDecider.initialState(), accepted)).toEqual(state);
        expect(fold(accepted)).toEqual(fold(accepted));
        const scheduledIds = accepted.flatMap((e) => (e.type === 'DeadlineScheduled' ? [e.data.deadlineId] : []));
        expect(new Set(scheduledIds).size).toBe(scheduledIds.length);
      }),
      { numRuns: 200 },
    );
  });
});
