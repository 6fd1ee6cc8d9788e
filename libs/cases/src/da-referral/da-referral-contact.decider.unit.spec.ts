import {
  CASE_ID,
  contactAttempt,
  daSpec,
  history,
  idvaContactHistory,
  RECEIVED_AT,
  receiveReferral,
  ASSESSED_AT,
  assessRisk,
  routeToMarac,
  ROUTED_AT,
  supportContactHistory,
} from './testing/da-referral.fixtures';

const FIRST_CONTACT_ID = `${CASE_ID}/FIRST_CONTACT`;
const FIRST_CONTACT_DUE = '2025-03-05T09:00:00.000Z';

describe('da-referral › contact (RecordContactAttempt)', () => {
  const spec = daSpec();

  it('records an unanswered attempt, numbered, leaving the first-contact deadline open', () => {
    const at = '2025-03-03T15:00:00.000Z';
    spec.given(supportContactHistory()).when(contactAttempt(at, 'no-answer'), { now: at }).then([
      { type: 'ContactAttemptRecorded', data: { attemptedAt: at, method: 'phone', outcome: 'no-answer', attemptNumber: 1 } },
    ]);
  });

  it('a successful contact by the due time meets the first-contact deadline, at the time of the contact', () => {
    // Recorded an hour after it happened, which was exactly on time.
    spec
      .given(supportContactHistory())
      .when(contactAttempt(FIRST_CONTACT_DUE, 'successful'), { now: '2025-03-05T10:00:00.000Z' })
      .then((events) => {
        expect(events[1]).toEqual({ type: 'DeadlineMet', data: { deadlineId: FIRST_CONTACT_ID, metAt: FIRST_CONTACT_DUE } });
      });
  });

  it('a successful contact a millisecond after the due time records the deadline as missed, not met', () => {
    const late = '2025-03-05T09:00:00.001Z';
    spec.given(supportContactHistory()).when(contactAttempt(late, 'successful'), { now: late }).then((events) => {
      expect(events[1]).toEqual({
        type: 'DeadlineMissed',
        data: { deadlineId: FIRST_CONTACT_ID, rule: 'FIRST_CONTACT', dueAt: FIRST_CONTACT_DUE, missedAt: late },
      });
    });
  });

  it('the IDVA’s contact meets it in a MARAC case; a second success finds nothing left to meet', () => {
    const first = '2025-03-03T16:00:00.000Z';
    const events = spec.given(idvaContactHistory()).when(contactAttempt(first, 'successful'), { now: first }).then(() => undefined);
    expect(events.map((e) => e.type)).toEqual(['ContactAttemptRecorded', 'DeadlineMet']);
    const second = '2025-03-04T16:00:00.000Z';
    spec
      .given([...idvaContactHistory(), ...events])
      .when(contactAttempt(second, 'successful'), { now: second })
      .then((next) => {
        expect(next.map((e) => e.type)).toEqual(['ContactAttemptRecorded']);
        expect(next[0]!.data).toMatchObject({ attemptNumber: 2 });
      });
  });

  it('DA_CONTACT_ATTEMPT_IN_FUTURE: an attempt can be recorded at the moment it happens, not a second before', () => {
    const now = '2025-03-04T09:00:00.000Z';
    spec.given(supportContactHistory()).when(contactAttempt(now), { now }).then((events) => expect(events).toHaveLength(1));
    spec
      .given(supportContactHistory())
      .when(contactAttempt('2025-03-04T09:00:01.000Z'), { now })
      .thenThrows('DA_CONTACT_ATTEMPT_IN_FUTURE', { attemptedAt: '2025-03-04T09:00:01.000Z' });
  });

  it('DA_CONTACT_ATTEMPT_BEFORE_REFERRAL: not before the referral was received', () => {
    const now = '2025-03-04T09:00:00.000Z';
    spec.given(supportContactHistory()).when(contactAttempt(RECEIVED_AT), { now }).then((events) => expect(events).toHaveLength(1));
    spec
      .given(supportContactHistory())
      .when(contactAttempt('2025-03-03T08:59:59.999Z'), { now })
      .thenThrows('DA_CONTACT_ATTEMPT_BEFORE_REFERRAL', { receivedAt: RECEIVED_AT });
  });

  it('DA_IDVA_REQUIRED_BEFORE_CONTACT: a MARAC case has its IDVA before contact is recorded', () => {
    const awaitingIdva = history([
      [receiveReferral(), RECEIVED_AT],
      [assessRisk(16), ASSESSED_AT],
      [routeToMarac('2025-03-12'), ROUTED_AT],
    ]);
    spec
      .given(awaitingIdva)
      .when(contactAttempt('2025-03-03T12:00:00.000Z'), { now: '2025-03-03T12:00:00.000Z' })
      .thenThrows('DA_IDVA_REQUIRED_BEFORE_CONTACT', { stage: 'marac-referred' });
  });

  it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: no contact is recorded before routing', () => {
    spec
      .given(history([[receiveReferral(), RECEIVED_AT]]))
      .when(contactAttempt('2025-03-03T12:00:00.000Z'), { now: '2025-03-03T12:00:00.000Z' })
      .thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'received', command: 'RecordContactAttempt' });
  });
});
