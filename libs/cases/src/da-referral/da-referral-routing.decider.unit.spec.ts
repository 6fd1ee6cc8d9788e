import { daReferralCaseType } from './da-referral.definition';
import {
  ASSESSED_AT,
  assessedHistory,
  assessRisk,
  CASE_ID,
  daSpec,
  fold,
  history,
  IDVA,
  RECEIVED_AT,
  receiveReferral,
  ROUTED_AT,
  routeToMarac,
  routeToSupport,
  supportContactHistory,
} from './testing/da-referral.fixtures';

const THRESHOLDS = { escalationIncidents: 3, repeatWindowMonths: 12 };
const MEETING = '2025-03-12';

describe('da-referral › routing (RouteReferral, AllocateIdva)', () => {
  const spec = daSpec();

  describe('standard or medium risk, no escalation, not a repeat: the support service', () => {
    it('refers a medium-risk victim to the commissioned support service, recording the thresholds used', () => {
      spec.given(assessedHistory(12)).when(routeToSupport('one-stop-shop'), { now: ROUTED_AT }).then([
        {
          type: 'ReferredToSupportService',
          data: { service: 'one-stop-shop', riskLevel: 'medium', alongsideMarac: false, thresholds: THRESHOLDS, referredAt: ROUTED_AT },
        },
      ]);
    });

    it('DA_MARAC_CRITERIA_NOT_MET: such a referral is not sent to MARAC', () => {
      spec.given(assessedHistory(12)).when(routeToMarac(MEETING), { now: ROUTED_AT }).thenThrows('DA_MARAC_CRITERIA_NOT_MET', {
        riskLevel: 'medium',
        incidentsInLast12Months: 1,
      });
    });
  });

  describe('DA_MARAC_REFERRAL_REQUIRED: a MARAC case never goes to the support service alone', () => {
    it('high risk', () => {
      spec.given(assessedHistory(14)).when(routeToSupport(), { now: ROUTED_AT }).thenThrows('DA_MARAC_REFERRAL_REQUIRED', {
        reasons: ['high-risk'],
      });
    });

    it('potential escalation: 3 incidents in 12 months (escalationIncidents) refused, 2 accepted', () => {
      spec
        .given(assessedHistory(5, { incidentsInLast12Months: 3 }))
        .when(routeToSupport(), { now: ROUTED_AT })
        .thenThrows('DA_MARAC_REFERRAL_REQUIRED', { reasons: ['potential-escalation'] });
      spec
        .given(assessedHistory(5, { incidentsInLast12Months: 2 }))
        .when(routeToSupport(), { now: ROUTED_AT })
        .then((events) => expect(events[0]!.type).toBe('ReferredToSupportService'));
    });

    it('repeat: received 12 months to the day after the last MARAC referral is a repeat, a day later is not', () => {
      spec
        .given(assessedHistory(5, { lastMaracReferralDate: '2024-03-03' }))
        .when(routeToSupport(), { now: ROUTED_AT })
        .thenThrows('DA_MARAC_REFERRAL_REQUIRED', { reasons: ['repeat'] });
      spec
        .given(assessedHistory(5, { lastMaracReferralDate: '2024-03-02' }))
        .when(routeToSupport(), { now: ROUTED_AT })
        .then((events) => expect(events[0]!.type).toBe('ReferredToSupportService'));
    });

    it('repeat is judged on the day the referral was received, however late the routing', () => {
      spec
        .given(assessedHistory(5, { lastMaracReferralDate: '2024-03-03' }))
        .when(routeToSupport(), { now: '2025-03-20T09:00:00.000Z' })
        .thenThrows('DA_MARAC_REFERRAL_REQUIRED', { reasons: ['repeat'] });
    });
  });

  describe('to MARAC', () => {
    it('records the meeting, every reason and the thresholds, and meets the MARAC referral deadline', () => {
      const given = assessedHistory(15, { incidentsInLast12Months: 4, lastMaracReferralDate: '2024-10-01' });
      spec.given(given).when(routeToMarac(MEETING), { now: ROUTED_AT }).then([
        {
          type: 'ReferredToMarac',
          data: {
            meetingDate: MEETING,
            reasons: ['high-risk', 'potential-escalation', 'repeat'],
            repeat: true,
            riskLevel: 'high',
            incidentsInLast12Months: 4,
            thresholds: THRESHOLDS,
            referredAt: ROUTED_AT,
          },
        },
        { type: 'DeadlineMet', data: { deadlineId: `${CASE_ID}/MARAC_REFERRAL`, metAt: ROUTED_AT } },
      ]);
    });

    it('sends a medium-risk repeat to MARAC without a MARAC referral deadline to meet', () => {
      spec
        .given(assessedHistory(11, { lastMaracReferralDate: '2024-10-01' }))
        .when(routeToMarac(MEETING), { now: ROUTED_AT })
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['ReferredToMarac']);
          expect(events[0]!.data).toMatchObject({ reasons: ['repeat'], repeat: true, riskLevel: 'medium' });
        });
    });

    it('records a MARAC referral after its deadline as the deadline missed', () => {
      const late = '2025-03-04T10:00:00.001Z';
      spec.given(assessedHistory(14)).when(routeToMarac(MEETING), { now: late }).then((events) => {
        expect(events[1]).toEqual({
          type: 'DeadlineMissed',
          data: { deadlineId: `${CASE_ID}/MARAC_REFERRAL`, rule: 'MARAC_REFERRAL', dueAt: '2025-03-04T10:00:00.000Z', missedAt: late },
        });
      });
    });

    it('waits for an IDVA when the command names none', () => {
      const events = spec.given(assessedHistory(14)).when(routeToMarac(MEETING), { now: ROUTED_AT }).then(() => undefined);
      const state = fold([...assessedHistory(14), ...events]);
      expect(state.stage).toBe('marac-referred');
      expect(daReferralCaseType.allowedCommands(state)).toContain('AllocateIdva');
      expect(daReferralCaseType.allowedCommands(state)).not.toContain('RecordContactAttempt');
    });

    it('allocates the IDVA at once when the command names one, and may also refer to the support service', () => {
      spec
        .given(assessedHistory(14))
        .when(routeToMarac(MEETING, { idva: IDVA, supportService: 'outreach' }), { now: ROUTED_AT })
        .then((events) => {
          expect(events.slice(2)).toEqual([
            {
              type: 'ReferredToSupportService',
              data: { service: 'outreach', riskLevel: 'high', alongsideMarac: true, thresholds: THRESHOLDS, referredAt: ROUTED_AT },
            },
            { type: 'IdvaAllocated', data: { ...IDVA, allocatedAt: ROUTED_AT } },
          ]);
          expect(fold([...assessedHistory(14), ...events]).stage).toBe('contact');
        });
    });

    it('DA_MARAC_MEETING_DATE_IN_PAST: a meeting today (London) is accepted, yesterday refused', () => {
      // 23:30 UTC on 31 March 2025 is 00:30 on 1 April in London (BST).
      const now = '2025-03-31T23:30:00.000Z';
      spec.given(assessedHistory(14)).when(routeToMarac('2025-04-01'), { now }).then((events) => {
        expect(events[0]!.type).toBe('ReferredToMarac');
      });
      spec.given(assessedHistory(14)).when(routeToMarac('2025-03-31'), { now }).thenThrows('DA_MARAC_MEETING_DATE_IN_PAST', {
        meetingDate: '2025-03-31',
        today: '2025-04-01',
      });
    });
  });

  describe('AllocateIdva', () => {
    it('allocates the IDVA to a MARAC case and opens contact', () => {
      const referred = history([
        [receiveReferral(), RECEIVED_AT],
        [assessRisk(18), ASSESSED_AT],
        [routeToMarac(MEETING), ROUTED_AT],
      ]);
      const at = '2025-03-03T14:00:00.000Z';
      spec.given(referred).when({ type: 'AllocateIdva', data: IDVA }, { now: at }).then([
        { type: 'IdvaAllocated', data: { ...IDVA, allocatedAt: at } },
      ]);
    });

    it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: not for a support-service case', () => {
      spec
        .given(supportContactHistory())
        .when({ type: 'AllocateIdva', data: IDVA }, { now: '2025-03-03T14:00:00.000Z' })
        .thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'contact', command: 'AllocateIdva' });
    });
  });

  it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: routing needs an assessment first, and happens once', () => {
    spec
      .given(history([[receiveReferral(), RECEIVED_AT]]))
      .when(routeToSupport(), { now: ROUTED_AT })
      .thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'received', command: 'RouteReferral' });
    spec
      .given(supportContactHistory())
      .when(routeToSupport(), { now: '2025-03-03T12:00:00.000Z' })
      .thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'contact' });
  });
});
