import { CommunityTriggerCommand } from './community-trigger.commands';
import { CASE_ID, complaint, historyOf, notMetWithReasons, receiveApplication, spec } from './community-trigger.test-support';

const inform: CommunityTriggerCommand = {
  type: 'InformApplicant',
  data: { method: 'letter', message: 'The partnership has decided the threshold is not met, because ...' },
};
const appeal: CommunityTriggerCommand = { type: 'LodgePccAppeal', data: { grounds: 'The reports of May were not considered.' } };
const appealOutcome: CommunityTriggerCommand = {
  type: 'RecordPccAppealOutcome',
  data: { outcome: 'not-upheld', findings: 'The application was handled in line with the procedure.' },
};
const close: CommunityTriggerCommand = { type: 'CloseApplication', data: {} };

/** Threshold not met, decided 16 March 2026; the applicant is told on Friday 20 March. */
function notMet(more: [CommunityTriggerCommand, string][] = []) {
  return historyOf([
    [receiveApplication([complaint('2026-03-01', '2026-03-02')]), '2026-03-09T10:00:00Z'],
    [notMetWithReasons, '2026-03-16T10:00:00Z'],
    ...more,
  ]);
}

/** Threshold met and reviewed (two recommendations) by 20 February 2026. */
function reviewed(more: [CommunityTriggerCommand, string][] = []) {
  const recommendation = (recommendationId: string) => ({
    recommendationId,
    agency: 'police',
    action: 'Joint patrols on Friday nights',
  });
  return historyOf([
    [
      receiveApplication([
        complaint('2026-01-05', '2026-01-06'),
        complaint('2026-01-12', '2026-01-13'),
        complaint('2026-01-19', '2026-01-20'),
      ]),
      '2026-02-02T10:00:00Z',
    ],
    [{ type: 'AcknowledgeApplication', data: { method: 'email' } }, '2026-02-03T10:00:00Z'],
    [{ type: 'AssessThreshold', data: {} }, '2026-02-09T10:00:00Z'],
    [{ type: 'ScheduleReviewPanel', data: { panelDate: '2026-02-20' } }, '2026-02-10T10:00:00Z'],
    [
      {
        type: 'RecordPanelOutcome',
        data: { recommendations: [recommendation('R-1'), recommendation('R-2')], summary: 'Panel held.' },
      },
      '2026-02-20T15:00:00Z',
    ],
    ...more,
  ]);
}

describe('community trigger: informing the applicant', () => {
  it('tells the applicant the threshold is not met and opens the appeal window in working days over Easter', () => {
    spec()
      .given(notMet().events)
      .when(inform, { now: '2026-03-20T10:00:00Z' })
      .then([
        {
          type: 'ApplicantInformed',
          data: {
            informedAt: '2026-03-20T10:00:00Z',
            informedOn: '2026-03-20',
            outcome: 'threshold-not-met',
            method: 'letter',
            message: 'The partnership has decided the threshold is not met, because ...',
            recommendationCount: null,
            // Twenty working days, skipping Good Friday 3 April and Easter Monday 6 April.
            pccAppealBy: '2026-04-21',
            applied: { 'community-trigger.pccAppealWorkingDays': 20 },
          },
        },
      ]);
  });

  it('tells the applicant the outcome of the review with the number of recommendations', () => {
    spec()
      .given(reviewed().events)
      .when({ ...inform, data: { method: 'in-person', message: 'The panel recommends ...' } }, { now: '2026-02-23T10:00:00Z' })
      .then((events) =>
        expect(events[0]?.data).toMatchObject({ outcome: 'review-completed', recommendationCount: 2, pccAppealBy: '2026-03-23' }),
      );
  });

  it('refuses to inform the applicant of an outcome before the panel has sat', () => {
    const { events } = historyOf([
      [
        receiveApplication([
          complaint('2026-01-05', '2026-01-06'),
          complaint('2026-01-12', '2026-01-13'),
          complaint('2026-01-19', '2026-01-20'),
        ]),
        '2026-02-02T10:00:00Z',
      ],
      [{ type: 'AssessThreshold', data: {} }, '2026-02-09T10:00:00Z'],
    ]);
    spec()
      .given(events)
      .when(inform, { now: '2026-02-10T10:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'awaiting-review-panel', command: 'InformApplicant' });
  });
});

describe('community trigger: appeal to the Police and Crime Commissioner (Schedule 4 para 3)', () => {
  const informed = () => notMet([[inform, '2026-03-20T10:00:00Z']]).events;

  it('accepts an appeal on the last day of the window, late in the London evening', () => {
    spec()
      .given(informed())
      .when(appeal, { now: '2026-04-21T22:30:00Z' })
      .then([
        {
          type: 'PccAppealLodged',
          data: {
            lodgedAt: '2026-04-21T22:30:00Z',
            lodgedOn: '2026-04-21',
            pccAppealBy: '2026-04-21',
            grounds: 'The reports of May were not considered.',
          },
        },
      ]);
  });

  it('CT_PCC_APPEAL_OUT_OF_TIME: refuses an appeal once the window has closed (already 22 April in London)', () => {
    spec()
      .given(informed())
      .when(appeal, { now: '2026-04-21T23:30:00Z' })
      .thenThrows('CT_PCC_APPEAL_OUT_OF_TIME', { lodgedOn: '2026-04-22', pccAppealBy: '2026-04-21' });
  });

  it('records the Commissioner’s outcome', () => {
    spec()
      .given(notMet([[inform, '2026-03-20T10:00:00Z'], [appeal, '2026-03-25T10:00:00Z']]).events)
      .when(appealOutcome, { now: '2026-04-10T10:00:00Z' })
      .then([
        {
          type: 'PccAppealOutcomeRecorded',
          data: {
            recordedAt: '2026-04-10T10:00:00Z',
            outcome: 'not-upheld',
            findings: 'The application was handled in line with the procedure.',
          },
        },
      ]);
  });

  it('refuses a second appeal while one is under way', () => {
    spec()
      .given(notMet([[inform, '2026-03-20T10:00:00Z'], [appeal, '2026-03-25T10:00:00Z']]).events)
      .when(appeal, { now: '2026-03-26T10:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'pcc-appeal-lodged', command: 'LodgePccAppeal' });
  });
});

describe('community trigger: closing the application', () => {
  it('CT_PCC_APPEAL_WINDOW_OPEN: refuses to close on the last day the applicant may appeal', () => {
    spec()
      .given(notMet([[inform, '2026-03-20T10:00:00Z']]).events)
      .when(close, { now: '2026-04-21T12:00:00Z' })
      .thenThrows('CT_PCC_APPEAL_WINDOW_OPEN', { today: '2026-04-21', pccAppealBy: '2026-04-21' });
  });

  it('closes the day after the appeal window, cancelling the deadlines still open', () => {
    // Never acknowledged, and the acknowledgement deadline never expired: closing cancels it.
    spec()
      .given(notMet([[inform, '2026-03-20T10:00:00Z']]).events)
      .when({ type: 'CloseApplication', data: { note: 'No appeal received.' } }, { now: '2026-04-22T09:00:00Z' })
      .then([
        {
          type: 'ApplicationClosed',
          data: { closedAt: '2026-04-22T09:00:00Z', outcome: 'threshold-not-met', note: 'No appeal received.' },
        },
        { type: 'DeadlineCancelled', data: { deadlineId: `${CASE_ID}/CT_ACKNOWLEDGEMENT`, reason: 'application closed' } },
      ]);
  });

  it('closes as soon as the Commissioner has decided an appeal', () => {
    spec()
      .given(
        reviewed([
          [inform, '2026-02-23T10:00:00Z'],
          [appeal, '2026-02-24T10:00:00Z'],
          [appealOutcome, '2026-03-02T10:00:00Z'],
        ]).events,
      )
      .when(close, { now: '2026-03-02T11:00:00Z' })
      .then([{ type: 'ApplicationClosed', data: { closedAt: '2026-03-02T11:00:00Z', outcome: 'review-completed' } }]);
  });

  it('refuses every command on a closed application except the scheduler’s expiry, which finds nothing open', () => {
    const { events } = notMet([[inform, '2026-03-20T10:00:00Z'], [close, '2026-04-22T09:00:00Z']]);
    spec()
      .given(events)
      .when(appeal, { now: '2026-04-22T10:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'closed', command: 'LodgePccAppeal' });
    spec()
      .given(events)
      .when({ type: 'AcknowledgeApplication', data: { method: 'letter' } }, { now: '2026-04-22T10:00:00Z' })
      .thenThrows('CT_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'closed' });
    spec()
      .given(events)
      .when(
        { type: 'ExpireDeadline', data: { deadlineId: `${CASE_ID}/CT_ACKNOWLEDGEMENT`, dueAt: '2026-03-16T23:59:59.999Z' } },
        { now: '2026-04-22T10:00:00Z' },
      )
      .then([]);
  });
});
