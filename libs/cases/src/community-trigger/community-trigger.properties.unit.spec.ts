import fc from 'fast-check';
import { DomainRuleError, addDays, londonDate, openDeadlines } from '@casetrail/workflow';
import { CommunityTriggerCommand, CommunityTriggerCommandType } from './community-trigger.commands';
import { communityTriggerCaseType } from './community-trigger.definition';
import { CommunityTriggerEvent } from './community-trigger.events';
import { COMMUNITY_TRIGGER_STAGES, CommunityTriggerState } from './community-trigger.state';
import { contextAt, receiveApplication } from './community-trigger.test-support';

const { decider } = communityTriggerCaseType;
const START = '2025-03-03';

/** A command drawn without knowing the state; `build` completes it from the state and the day. */
type Recipe = { label: string; build: (state: CommunityTriggerState, today: string) => CommunityTriggerCommand | null };

const complaintArb = fc
  .integer({ min: 0, max: 250 })
  .chain((daysBefore) =>
    fc.record({
      daysBefore: fc.constant(daysBefore),
      delay: fc.integer({ min: 0, max: Math.min(45, daysBefore) }),
      complainantId: fc.option(fc.constantFrom('P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6'), { nil: undefined }),
      category: fc.constantFrom('noise', 'graffiti'),
      // Hate incidents are rare, so most applications go to the count or to discretion.
      hateIncident: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      id: fc.integer({ min: 1, max: 40 }),
    }),
  );

const receive: fc.Arbitrary<Recipe> = fc
  .record({
    complaints: fc.array(complaintArb, { minLength: 1, maxLength: 7 }),
    relationship: fc.constantFrom('victim', 'councillor', 'family-member'),
    consent: fc.boolean(),
  })
  .map(({ complaints, relationship, consent }) => ({
    label: 'ReceiveApplication',
    build: (_state, today) => {
      const base = receiveApplication(
        complaints.map((c) => ({
          complaintId: `C-${c.id}`,
          behaviourDate: addDays(today, -c.daysBefore),
          reportDate: addDays(today, -c.daysBefore + c.delay),
          reportedTo: 'tmbc',
          category: c.category,
          ...(c.complainantId ? { complainantId: c.complainantId } : {}),
          ...(c.hateIncident ? { hateIncident: true } : {}),
        })),
      );
      return {
        ...base,
        data: {
          ...base.data,
          applicant: {
            relationship,
            name: 'Sam Applicant',
            contact: {},
            ...(consent ? { consent: { givenOn: today, form: 'written' as const } } : {}),
          },
        },
      };
    },
  }));

const reasons = { persistence: 'Weekly', harm: 'Sleep lost', adequacyOfResponse: 'Letters only' };

const builders: { [T in CommunityTriggerCommandType]: fc.Arbitrary<Recipe> } = {
  ReceiveApplication: receive,
  AcknowledgeApplication: fc.constant<Recipe>({
    label: 'Acknowledge',
    build: () => ({ type: 'AcknowledgeApplication', data: { method: 'letter' } }),
  }),
  AssessThreshold: fc.option(fc.boolean(), { nil: undefined }).map<Recipe>((met) => ({
    label: `AssessThreshold(${String(met)})`,
    build: () => ({ type: 'AssessThreshold', data: met === undefined ? {} : { discretionaryDecision: { met, reasons } } }),
  })),
  ScheduleReviewPanel: fc.integer({ min: -3, max: 40 }).map<Recipe>((offset) => ({
    label: `ScheduleReviewPanel(${offset})`,
    build: (_state, today) => ({ type: 'ScheduleReviewPanel', data: { panelDate: addDays(today, offset) } }),
  })),
  RecordPanelOutcome: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }).map<Recipe>((ids) => ({
    label: 'RecordPanelOutcome',
    build: () => ({
      type: 'RecordPanelOutcome',
      data: {
        recommendations: ids.map((id) => ({ recommendationId: `R-${id}`, agency: 'police', action: 'Patrol' })),
        summary: 'Held',
      },
    }),
  })),
  InformApplicant: fc.constant<Recipe>({
    label: 'InformApplicant',
    build: () => ({ type: 'InformApplicant', data: { method: 'email', message: 'Outcome' } }),
  }),
  LodgePccAppeal: fc.constant<Recipe>({
    label: 'LodgePccAppeal',
    build: () => ({ type: 'LodgePccAppeal', data: { grounds: 'Unhappy' } }),
  }),
  RecordPccAppealOutcome: fc.constantFrom('upheld', 'partly-upheld', 'not-upheld').map<Recipe>((outcome) => ({
    label: 'RecordPccAppealOutcome',
    build: () => ({ type: 'RecordPccAppealOutcome', data: { outcome, findings: 'Findings' } }),
  })),
  CloseApplication: fc.constant<Recipe>({ label: 'CloseApplication', build: () => ({ type: 'CloseApplication', data: {} }) }),
  ExpireDeadline: fc.nat().map<Recipe>((pick) => ({
    label: 'ExpireDeadline',
    build: (state) => {
      const open = openDeadlines(state.deadlines);
      const deadline = open[pick % Math.max(open.length, 1)];
      return deadline ? { type: 'ExpireDeadline', data: { deadlineId: deadline.deadlineId, dueAt: deadline.dueAt } } : null;
    },
  })),
};

/** Any command at all, mostly refused by stage: exercises the refusals. */
const anyCommand = fc.oneof(...Object.values(builders));

/** A command the stage offers: carries sequences deep into the life of an application. */
const offeredCommand = fc.record({ pick: fc.nat(), byType: fc.record(builders) }).map<Recipe>(({ pick, byType }) => ({
  label: 'offered',
  build: (state, today) => {
    const offered = communityTriggerCaseType.allowedCommands(state);
    const type = offered[pick % offered.length];
    return type === undefined ? null : byType[type].build(state, today);
  },
}));

const recipes = fc.oneof({ arbitrary: offeredCommand, weight: 3 }, { arbitrary: anyCommand, weight: 1 });

const steps = fc.array(
  fc.record({ recipe: recipes, days: fc.integer({ min: 0, max: 12 }), hour: fc.integer({ min: 0, max: 23 }) }),
  { minLength: 1, maxLength: 40 },
);

/** Runs the steps, keeping what decide accepts; anything but a rule refusal fails the property. */
function run(generated: { recipe: Recipe; days: number; hour: number }[]) {
  let state = decider.initialState();
  let today = START;
  const accepted: CommunityTriggerEvent[] = [];
  const visited = new Set<string>([state.stage]);
  for (const { recipe, days, hour } of generated) {
    today = addDays(today, days);
    const now = `${today}T${String(hour).padStart(2, '0')}:15:00Z`;
    const command = recipe.build(state, londonDate(now));
    if (!command) continue;
    // The API parses every command at the edge; the decider only ever sees valid data.
    expect(communityTriggerCaseType.commands[command.type].safeParse(command.data).success).toBe(true);
    let events: CommunityTriggerEvent[];
    try {
      events = decider.decide(command, state, contextAt(now));
    } catch (error) {
      if (error instanceof DomainRuleError) continue;
      throw error;
    }
    state = events.reduce(decider.evolve, state);
    accepted.push(...events);
    visited.add(state.stage);
  }
  return { state, accepted, visited };
}

describe('community trigger: properties of any sequence of commands', () => {
  it('folds every accepted event, twice to the same state, within the known stages', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        const { state, accepted } = run(generated);
        const once = accepted.reduce(decider.evolve, decider.initialState());
        const twice = accepted.reduce(decider.evolve, decider.initialState());
        expect(once).toEqual(twice);
        expect(once).toEqual(state);
        expect(COMMUNITY_TRIGGER_STAGES).toContain(state.stage);
      }),
      { numRuns: 300 },
    );
  });

  it('generates sequences that reach every stage, so the properties cover the whole life', () => {
    const reached = new Set(fc.sample(steps, { numRuns: 500, seed: 42 }).flatMap((generated) => [...run(generated).visited]));
    expect([...reached].sort()).toEqual([...COMMUNITY_TRIGGER_STAGES].sort());
  });

  it('writes only events its schemas accept, and leaves no deadline open once closed', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        const { state, accepted } = run(generated);
        for (const event of accepted) {
          expect(communityTriggerCaseType.events[event.type].safeParse(event.data).success).toBe(true);
        }
        if (state.stage === 'closed') expect(openDeadlines(state.deadlines)).toEqual([]);
        // The threshold decides the path: a panel only ever follows a threshold that was met.
        if ('threshold' in state && !state.threshold.met) {
          expect(['threshold-not-met', 'applicant-informed', 'pcc-appeal-lodged', 'pcc-appeal-decided', 'closed']).toContain(
            state.stage,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
