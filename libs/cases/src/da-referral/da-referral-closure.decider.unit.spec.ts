import { DaReferralEvent } from './da-referral.events';
import { ContactOutcome } from './da-referral.vocabulary';
import {
  assessRisk,
  CASE_ID,
  closeReferral,
  contactAttempt,
  daSpec,
  history,
  RECEIVED_AT,
  receiveReferral,
  routeToMarac,
  routeToSupport,
  supportContactHistory,
} from './testing/da-referral.fixtures';

/** The support-service case after the given attempts, each recorded when it was made. */
function afterAttempts(
  attempts: ReadonlyArray<readonly [string, ContactOutcome]>,
  given: DaReferralEvent[] = supportContactHistory(),
): DaReferralEvent[] {
  return history(
    attempts.map(([at, outcome]) => [contactAttempt(at, outcome), at]),
    { given },
  );
}

const DAY_0 = '2025-03-03T15:00:00.000Z';
const DAY_3 = '2025-03-06T10:00:00.000Z';
const DAY_7 = '2025-03-10T17:00:00.000Z';
const DAY_8 = '2025-03-11T09:00:00.000Z';
const DAY_9 = '2025-03-12T09:00:00.000Z';
const CLOSE_AT = '2025-03-14T09:00:00.000Z';
const FIRST_CONTACT_CANCELLED: DaReferralEvent = {
  type: 'DeadlineCancelled',
  data: { deadlineId: `${CASE_ID}/FIRST_CONTACT`, reason: 'referral closed' },
};

describe('da-referral › closure (CloseReferral)', () => {
  const spec = daSpec();

  describe('not engaged: DA_CONTACT_ATTEMPTS_INCOMPLETE until contactAttemptsRequired (3) unanswered attempts within contactAttemptWindowDays (7)', () => {
    it('closes after three unanswered attempts on days 0, 3 and 7, recording the standard applied and cancelling open deadlines', () => {
      const given = afterAttempts([
        [DAY_0, 'no-answer'],
        [DAY_3, 'unsafe-to-contact'],
        [DAY_7, 'no-answer'],
      ]);
      spec.given(given).when(closeReferral('not-engaged'), { now: CLOSE_AT }).then([
        {
          type: 'ReferralClosed',
          data: { outcome: 'not-engaged', contactStandard: { attemptsRequired: 3, windowDays: 7 }, closedAt: CLOSE_AT },
        },
        FIRST_CONTACT_CANCELLED,
      ]);
    });

    it('refuses after two attempts', () => {
      const given = afterAttempts([
        [DAY_0, 'no-answer'],
        [DAY_3, 'no-answer'],
      ]);
      spec.given(given).when(closeReferral('not-engaged'), { now: CLOSE_AT }).thenThrows('DA_CONTACT_ATTEMPTS_INCOMPLETE', {
        attemptsRequired: 3,
        windowDays: 7,
        unansweredAttempts: 2,
      });
    });

    it('refuses when the third attempt falls on day 8, and accepts once three fall within a week again', () => {
      const spread = afterAttempts([
        [DAY_0, 'no-answer'],
        [DAY_3, 'no-answer'],
        [DAY_8, 'no-answer'],
      ]);
      spec.given(spread).when(closeReferral('not-engaged'), { now: CLOSE_AT }).thenThrows('DA_CONTACT_ATTEMPTS_INCOMPLETE', {
        unansweredAttempts: 3,
      });
      spec
        .given(afterAttempts([[DAY_9, 'no-answer']], spread))
        .when(closeReferral('not-engaged'), { now: CLOSE_AT })
        .then((events) => expect(events[0]!.type).toBe('ReferralClosed'));
    });

    it('counts days on London dates: 23:30 UTC in summer is already the next day', () => {
      const summer = history([
        [receiveReferral(), '2025-07-01T08:00:00.000Z'],
        [assessRisk(4), '2025-07-01T08:30:00.000Z'],
        [routeToSupport(), '2025-07-01T09:00:00.000Z'],
      ]);
      const first = ['2025-07-01T10:00:00.000Z', 'no-answer'] as const;
      const second = ['2025-07-04T10:00:00.000Z', 'no-answer'] as const;
      const closeAt = '2025-07-10T09:00:00.000Z';
      // 22:30 UTC on 8 July is 23:30 BST on 8 July: day 7.
      spec
        .given(afterAttempts([first, second, ['2025-07-08T22:30:00.000Z', 'no-answer']], summer))
        .when(closeReferral('not-engaged'), { now: closeAt })
        .then((events) => expect(events[0]!.type).toBe('ReferralClosed'));
      // 23:30 UTC on 8 July is 00:30 BST on 9 July: day 8.
      spec
        .given(afterAttempts([first, second, ['2025-07-08T23:30:00.000Z', 'no-answer']], summer))
        .when(closeReferral('not-engaged'), { now: closeAt })
        .thenThrows('DA_CONTACT_ATTEMPTS_INCOMPLETE');
    });

    it.each(['successful', 'declined'] as const)('starts counting afresh after the victim was reached (%s)', (reached) => {
      const given = afterAttempts([
        ['2025-03-03T15:00:00.000Z', 'no-answer'],
        ['2025-03-04T15:00:00.000Z', 'no-answer'],
        ['2025-03-05T08:00:00.000Z', 'no-answer'],
        ['2025-03-05T09:00:00.000Z', reached],
        ['2025-03-07T09:00:00.000Z', 'no-answer'],
        ['2025-03-08T09:00:00.000Z', 'no-answer'],
      ]);
      spec.given(given).when(closeReferral('not-engaged'), { now: CLOSE_AT }).thenThrows('DA_CONTACT_ATTEMPTS_INCOMPLETE', {
        unansweredAttempts: 2,
      });
      spec
        .given(afterAttempts([['2025-03-09T09:00:00.000Z', 'no-answer']], given))
        .when(closeReferral('not-engaged'), { now: CLOSE_AT })
        .then((events) => expect(events[0]!.type).toBe('ReferralClosed'));
    });
  });

  describe('DA_ENGAGEMENT_REQUIRES_SUCCESSFUL_CONTACT', () => {
    it('refuses "engaged and safer" without a successful contact', () => {
      spec
        .given(afterAttempts([[DAY_0, 'no-answer']]))
        .when(closeReferral('engaged-and-safer'), { now: CLOSE_AT })
        .thenThrows('DA_ENGAGEMENT_REQUIRES_SUCCESSFUL_CONTACT', { attempts: 1 });
    });

    it('accepts it after one; the first-contact deadline was already met, so nothing is cancelled', () => {
      spec
        .given(afterAttempts([[DAY_0, 'successful']]))
        .when(closeReferral('engaged-and-safer'), { now: CLOSE_AT })
        .then([{ type: 'ReferralClosed', data: { outcome: 'engaged-and-safer', closedAt: CLOSE_AT } }]);
    });
  });

  describe('DA_CLOSURE_NOTES_REQUIRED', () => {
    it('refuses "other" without notes and accepts it with them', () => {
      spec.given(supportContactHistory()).when(closeReferral('other'), { now: CLOSE_AT }).thenThrows('DA_CLOSURE_NOTES_REQUIRED');
      spec
        .given(supportContactHistory())
        .when(closeReferral('other', 'Duplicate of a referral already open with the IDVA service'), { now: CLOSE_AT })
        .then((events) => {
          expect(events[0]!.data).toEqual({
            outcome: 'other',
            notes: 'Duplicate of a referral already open with the IDVA service',
            closedAt: CLOSE_AT,
          });
        });
    });
  });

  it('closes a referral before assessment when the victim declines support', () => {
    spec
      .given(history([[receiveReferral(), RECEIVED_AT]]))
      .when(closeReferral('declined-support'), { now: '2025-03-03T12:00:00.000Z' })
      .then([
        { type: 'ReferralClosed', data: { outcome: 'declined-support', closedAt: '2025-03-03T12:00:00.000Z' } },
        FIRST_CONTACT_CANCELLED,
      ]);
  });

  it('cancels every open deadline when a MARAC case waiting for its IDVA closes (the victim moved area)', () => {
    const given = history([
      [receiveReferral(), RECEIVED_AT],
      [assessRisk(20), '2025-03-03T10:00:00.000Z'],
    ]);
    spec.given(given).when(closeReferral('moved-area'), { now: '2025-03-03T12:00:00.000Z' }).then((events) => {
      expect(events.slice(1)).toEqual([
        FIRST_CONTACT_CANCELLED,
        { type: 'DeadlineCancelled', data: { deadlineId: `${CASE_ID}/MARAC_REFERRAL`, reason: 'referral closed' } },
      ]);
    });
    const referred = history([[routeToMarac('2025-03-12'), '2025-03-03T11:00:00.000Z']], { given });
    spec.given(referred).when(closeReferral('moved-area'), { now: '2025-03-03T12:00:00.000Z' }).then((events) => {
      expect(events.slice(1)).toEqual([FIRST_CONTACT_CANCELLED]);
    });
  });

  it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: a closed referral is not closed again', () => {
    const closed = history([[closeReferral('moved-area'), CLOSE_AT]], { given: supportContactHistory() });
    spec
      .given(closed)
      .when(closeReferral('other', 'again'), { now: '2025-03-15T09:00:00.000Z' })
      .thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'closed', command: 'CloseReferral' });
  });
});
