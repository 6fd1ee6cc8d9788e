import { daReferralCaseType } from './da-referral.definition';
import {
  CASE_ID,
  closeReferral,
  daSpec,
  fold,
  history,
  RECEIVED_AT,
  receiveReferral,
  supportContactHistory,
} from './testing/da-referral.fixtures';

const restrict = { type: 'RestrictToNameAndAgencies' as const, data: { reason: 'Perpetrator works at a partner agency' } };

describe('da-referral › access (RestrictToNameAndAgencies)', () => {
  const spec = daSpec();

  it('locks the record down to name and agencies, and the summary says so', () => {
    const at = '2025-03-03T12:00:00.000Z';
    const events = spec.given(supportContactHistory()).when(restrict, { now: at }).then([
      { type: 'RestrictedToNameAndAgencies', data: { reason: 'Perpetrator works at a partner agency', restrictedAt: at } },
    ]);
    const summary = daReferralCaseType.summarise(fold([...supportContactHistory(), ...events]));
    expect(summary.keyFacts.lockedToNameAndAgencies).toBe(true);
  });

  it('a second lock-down changes nothing and is a no-op, not an error', () => {
    const locked = history([[restrict, '2025-03-03T12:00:00.000Z']], { given: supportContactHistory() });
    spec.given(locked).when(restrict, { now: '2025-03-03T13:00:00.000Z' }).then([]);
  });

  it('applies to a closed record too (retained records stay locked down)', () => {
    const closed = history([[closeReferral('moved-area'), '2025-03-04T09:00:00.000Z']], { given: supportContactHistory() });
    spec.given(closed).when(restrict, { now: '2025-04-01T09:00:00.000Z' }).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['RestrictedToNameAndAgencies']);
    });
  });

  it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: there is nothing to lock down before a referral', () => {
    spec.given([]).when(restrict, { now: RECEIVED_AT }).thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', {
      stage: 'new',
      command: 'RestrictToNameAndAgencies',
    });
  });
});

describe('da-referral › deadlines (ExpireDeadline)', () => {
  const spec = daSpec();
  const deadlineId = `${CASE_ID}/FIRST_CONTACT`;
  const dueAt = '2025-03-05T09:00:00.000Z';
  const expire = { type: 'ExpireDeadline' as const, data: { deadlineId, dueAt } };
  const received = history([[receiveReferral(), RECEIVED_AT]]);

  it('records the first contact as missed once its due time has passed without one', () => {
    spec.given(received).when(expire, { now: dueAt }).then([
      { type: 'DeadlineMissed', data: { deadlineId, rule: 'FIRST_CONTACT', dueAt, missedAt: dueAt } },
    ]);
  });

  it('does nothing when fired early, or after the referral was closed', () => {
    spec.given(received).when(expire, { now: '2025-03-05T08:59:59.999Z' }).then([]);
    const closed = history([[closeReferral('declined-support'), '2025-03-04T09:00:00.000Z']], { given: received });
    spec.given(closed).when(expire, { now: '2025-03-06T09:00:00.000Z' }).then([]);
  });
});
