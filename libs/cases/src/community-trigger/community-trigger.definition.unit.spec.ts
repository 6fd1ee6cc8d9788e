import { CommunityTriggerCommand } from './community-trigger.commands';
import { communityTriggerCaseType } from './community-trigger.definition';
import { COMMUNITY_TRIGGER_STAGES } from './community-trigger.state';
import { complaint, historyOf, receiveApplication } from './community-trigger.test-support';

const VICTIM_NAME = 'Alex Morgan';

const lifecycle: [CommunityTriggerCommand, string][] = [
  [
    receiveApplication(
      [
        complaint('2026-01-05', '2026-01-06', { reportedTo: 'tmbc' }),
        complaint('2026-01-12', '2026-01-13', { reportedTo: 'police' }),
        complaint('2026-01-19', '2026-01-20', { reportedTo: 'tmbc' }),
      ],
      { victim: { kind: 'person', name: VICTIM_NAME, contact: { address: '1 High Street' } } },
    ),
    '2026-02-02T10:00:00Z',
  ],
  [{ type: 'AcknowledgeApplication', data: { method: 'email' } }, '2026-02-03T10:00:00Z'],
  [{ type: 'AssessThreshold', data: {} }, '2026-02-09T10:00:00Z'],
  [{ type: 'ScheduleReviewPanel', data: { panelDate: '2026-02-20' } }, '2026-02-10T10:00:00Z'],
  [
    {
      type: 'RecordPanelOutcome',
      data: { recommendations: [{ recommendationId: 'R-1', agency: 'police', action: 'Patrols' }], summary: 'Held.' },
    },
    '2026-02-20T15:00:00Z',
  ],
  [{ type: 'InformApplicant', data: { method: 'letter', message: `Dear ${VICTIM_NAME}` } }, '2026-02-23T10:00:00Z'],
  [{ type: 'CloseApplication', data: {} }, '2026-03-24T10:00:00Z'],
];

const stateAfter = (steps: number) => historyOf(lifecycle.slice(0, steps)).state;

describe('community trigger case type', () => {
  it('opens with ReceiveApplication, is not restricted and asks If-Match for the deciding commands', () => {
    expect(communityTriggerCaseType).toMatchObject({
      caseType: 'community-trigger',
      openCommand: 'ReceiveApplication',
      restrictedByDefault: false,
      policy: { section: 'community-trigger' },
    });
    expect(communityTriggerCaseType.conditionalCommands).toEqual(
      expect.arrayContaining(['AssessThreshold', 'InformApplicant', 'CloseApplication']),
    );
  });

  it('writes only events that its own event schemas accept', () => {
    const { events } = historyOf(lifecycle);
    for (const event of events) {
      const parsed = communityTriggerCaseType.events[event.type].safeParse(event.data);
      expect({ type: event.type, issues: parsed.error?.issues }).toEqual({ type: event.type, issues: undefined });
    }
  });

  it('summarises the case through its life with the key facts and no names', () => {
    expect(communityTriggerCaseType.summarise(stateAfter(0))).toMatchObject({ stage: 'not-received', agencies: [] });
    expect(communityTriggerCaseType.summarise(stateAfter(3))).toEqual({
      stage: 'awaiting-review-panel',
      agencies: ['police', 'tmbc'],
      restricted: false,
      openedAt: '2026-02-02T10:00:00Z',
      keyFacts: {
        applicationReceivedOn: '2026-02-02',
        thresholdMet: true,
        basis: 'count',
        panelDate: null,
        recommendationCount: null,
      },
    });
    expect(communityTriggerCaseType.summarise(stateAfter(4)).keyFacts).toMatchObject({ panelDate: '2026-02-20' });
    const closed = communityTriggerCaseType.summarise(stateAfter(lifecycle.length));
    expect(closed).toMatchObject({
      stage: 'closed',
      closedAt: '2026-03-24T10:00:00Z',
      keyFacts: { panelDate: '2026-02-20', recommendationCount: 1, thresholdMet: true },
    });
    for (let steps = 0; steps <= lifecycle.length; steps += 1) {
      expect(JSON.stringify(communityTriggerCaseType.summarise(stateAfter(steps)))).not.toMatch(/Alex|Morgan|High Street/);
    }
  });

  it('offers the commands each stage allows', () => {
    const allowed = (steps: number) => [...communityTriggerCaseType.allowedCommands(stateAfter(steps))].sort();
    expect(allowed(0)).toEqual(['ExpireDeadline', 'ReceiveApplication']);
    expect(allowed(1)).toEqual(['AcknowledgeApplication', 'AssessThreshold', 'ExpireDeadline']);
    // Acknowledged: acknowledging again would change nothing, so it is no longer offered.
    expect(allowed(2)).toEqual(['AssessThreshold', 'ExpireDeadline']);
    expect(allowed(3)).toEqual(['ExpireDeadline', 'ScheduleReviewPanel']);
    expect(allowed(4)).toEqual(['ExpireDeadline', 'RecordPanelOutcome', 'ScheduleReviewPanel']);
    expect(allowed(5)).toEqual(['ExpireDeadline', 'InformApplicant']);
    expect(allowed(6)).toEqual(['CloseApplication', 'ExpireDeadline', 'LodgePccAppeal']);
    expect(allowed(7)).toEqual(['ExpireDeadline']);
  });

  it('does not offer a command the decider would refuse by stage or ignore', () => {
    const context = {
      caseId: 'community-trigger-x',
      now: '2026-06-01T10:00:00Z',
      actor: { id: 'officer-1', role: 'caseworker' as const, agency: 'tmbc' },
      policy: {
        get: () => {
          throw new Error('policy is not needed to refuse by stage');
        },
      },
      calendar: { addWorkingDays: () => '2026-06-02', isWorkingDay: () => true },
    };
    for (let steps = 0; steps <= lifecycle.length; steps += 1) {
      const state = stateAfter(steps);
      expect(COMMUNITY_TRIGGER_STAGES).toContain(state.stage);
      const offered = new Set(communityTriggerCaseType.allowedCommands(state));
      for (const [command] of lifecycle.filter(([c]) => !offered.has(c.type))) {
        let outcome: unknown;
        try {
          outcome = communityTriggerCaseType.decider.decide(command, state, context);
        } catch (error) {
          outcome = (error as { code?: string }).code;
        }
        // Refused by stage, or (acknowledging twice) a no-op.
        expect([[], 'CT_COMMAND_NOT_ALLOWED_IN_STAGE']).toContainEqual(outcome);
      }
    }
  });
});
