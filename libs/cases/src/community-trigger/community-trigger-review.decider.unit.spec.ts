import { CommunityTriggerCommand } from './community-trigger.commands';
import { CASE_ID, complaint, historyOf, notMetWithReasons, receiveApplication, spec } from './community-trigger.test-support';

const REVIEW_PANEL = `${CASE_ID}/CT_REVIEW_PANEL`;
const schedule = (panelDate: string): CommunityTriggerCommand => ({ type: 'ScheduleReviewPanel', data: { panelDate } });
const recommendation = (recommendationId: string) => ({
  recommendationId,
  agency: 'housing',
  action: 'Install door entry system on the block',
});
const outcome = (recommendations = [recommendation('R-1'), recommendation('R-2')]): CommunityTriggerCommand => ({
  type: 'RecordPanelOutcome',
  data: { recommendations, summary: 'Panel reviewed the three reports and the responses to each.' },
});

/** Threshold met by count on Monday 15 December 2025: the panel must sit by 15 January 2026. */
function thresholdMetBeforeChristmas(more: [CommunityTriggerCommand, string][] = []) {
  return historyOf([
    [
      receiveApplication([
        complaint('2025-11-01', '2025-11-02'),
        complaint('2025-11-10', '2025-11-11'),
        complaint('2025-11-20', '2025-11-21'),
      ]),
      '2025-12-08T10:00:00Z',
    ],
    [{ type: 'AssessThreshold', data: {} }, '2025-12-15T10:00:00Z'],
    ...more,
  ]);
}

describe('community trigger: scheduling the review panel', () => {
  it('schedules the CT_REVIEW_PANEL deadline at the decision, counting working days over Christmas and New Year', () => {
    const { events, state } = thresholdMetBeforeChristmas();
    expect(events).toContainEqual({
      type: 'DeadlineScheduled',
      data: {
        deadlineId: REVIEW_PANEL,
        rule: 'CT_REVIEW_PANEL',
        dueAt: '2026-01-15T23:59:59.999Z',
        applied: { 'community-trigger.panelWorkingDays': 20 },
      },
    });
    expect(state).toMatchObject({ stage: 'awaiting-review-panel', reviewPanelBy: '2026-01-15' });
  });

  it('accepts a panel on the last working day of the timescale', () => {
    spec()
      .given(thresholdMetBeforeChristmas().events)
      .when(schedule('2026-01-15'), { now: '2025-12-16T09:00:00Z' })
      .then([
        {
          type: 'ReviewPanelScheduled',
          data: { scheduledAt: '2025-12-16T09:00:00Z', panelDate: '2026-01-15', reviewPanelBy: '2026-01-15' },
        },
      ]);
  });

  it('CT_PANEL_OUT_OF_TIME: refuses a panel the day after the timescale ends', () => {
    spec()
      .given(thresholdMetBeforeChristmas().events)
      .when(schedule('2026-01-16'), { now: '2025-12-16T09:00:00Z' })
      .thenThrows('CT_PANEL_OUT_OF_TIME', { panelDate: '2026-01-16', reviewPanelBy: '2026-01-15' });
  });

  it('CT_PANEL_BEFORE_THRESHOLD_DECISION: refuses a panel dated before the decision, accepts one on its day', () => {
    spec()
      .given(thresholdMetBeforeChristmas().events)
      .when(schedule('2025-12-14'), { now: '2025-12-16T09:00:00Z' })
      .thenThrows('CT_PANEL_BEFORE_THRESHOLD_DECISION', { panelDate: '2025-12-14', decidedOn: '2025-12-15' });
    spec()
      .given(thresholdMetBeforeChristmas().events)
      .when(schedule('2025-12-15'), { now: '2025-12-15T11:00:00Z' })
      .then((events) => expect(events[0]?.data).toMatchObject({ panelDate: '2025-12-15' }));
  });

  it('moves a scheduled panel, recording the date it replaces; the same date again changes nothing', () => {
    const { events } = thresholdMetBeforeChristmas([[schedule('2026-01-08'), '2025-12-16T09:00:00Z']]);
    spec()
      .given(events)
      .when(schedule('2026-01-13'), { now: '2025-12-18T09:00:00Z' })
      .then([
        {
          type: 'ReviewPanelScheduled',
          data: {
            scheduledAt: '2025-12-18T09:00:00Z',
            panelDate: '2026-01-13',
            reviewPanelBy: '2026-01-15',
            previousPanelDate: '2026-01-08',
          },
        },
      ]);
    spec().given(events).when(schedule('2026-01-08'), { now: '2025-12-18T09:00:00Z' }).then([]);
    spec()
      .given(events)
      .when(schedule('2026-01-16'), { now: '2025-12-18T09:00:00Z' })
      .thenThrows('CT_PANEL_OUT_OF_TIME');
  });

  it('refuses a panel when the threshold was not met', () => {
    const { events } = historyOf([
      [receiveApplication([complaint('2025-11-01', '2025-11-02')]), '2025-12-08T10:00:00Z'],
      [notMetWithReasons, '2025-12-15T10:00:00Z'],
    ]);
    spec()
      .given(events)
      .when(schedule('2026-01-08'), { now: '2025-12-16T09:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'threshold-not-met', command: 'ScheduleReviewPanel' });
  });
});

describe('community trigger: recording the panel outcome', () => {
  const scheduled = () => thresholdMetBeforeChristmas([[schedule('2026-01-08'), '2025-12-16T09:00:00Z']]).events;

  it('records the outcome on the day the panel sits and meets the review panel deadline', () => {
    spec()
      .given(scheduled())
      .when(outcome(), { now: '2026-01-08T16:00:00Z' })
      .then([
        {
          type: 'PanelOutcomeRecorded',
          data: {
            recordedAt: '2026-01-08T16:00:00Z',
            panelDate: '2026-01-08',
            recommendations: [recommendation('R-1'), recommendation('R-2')],
            summary: 'Panel reviewed the three reports and the responses to each.',
          },
        },
        { type: 'DeadlineMet', data: { deadlineId: REVIEW_PANEL, metAt: '2026-01-08T16:00:00Z' } },
      ]);
  });

  it('records a review that led to no recommendations', () => {
    spec()
      .given(scheduled())
      .when(outcome([]), { now: '2026-01-09T10:00:00Z' })
      .then((events) => expect(events[0]?.data).toMatchObject({ recommendations: [] }));
  });

  it('CT_PANEL_OUTCOME_BEFORE_PANEL: refuses an outcome the day before the panel sits', () => {
    spec()
      .given(scheduled())
      .when(outcome(), { now: '2026-01-07T16:00:00Z' })
      .thenThrows('CT_PANEL_OUTCOME_BEFORE_PANEL', { panelDate: '2026-01-08', today: '2026-01-07' });
  });

  it('CT_DUPLICATE_RECOMMENDATION: refuses a recommendation listed twice', () => {
    spec()
      .given(scheduled())
      .when(outcome([recommendation('R-1'), recommendation('R-1')]), { now: '2026-01-08T16:00:00Z' })
      .thenThrows('CT_DUPLICATE_RECOMMENDATION', { recommendationId: 'R-1' });
  });

  it('refuses an outcome before a panel is scheduled', () => {
    spec()
      .given(thresholdMetBeforeChristmas().events)
      .when(outcome(), { now: '2026-01-08T16:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'awaiting-review-panel', command: 'RecordPanelOutcome' });
  });
});
