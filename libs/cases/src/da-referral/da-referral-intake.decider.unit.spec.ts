import {
  CASE_ID,
  daPolicyTable,
  daSpec,
  history,
  RECEIVED_AT,
  receiveReferral,
  referralDetails,
} from './testing/da-referral.fixtures';

describe('da-referral › intake (ReceiveReferral)', () => {
  const spec = daSpec();

  it('records the referral and schedules first contact within firstContactHours (48) of it', () => {
    spec.given([]).when(receiveReferral(), { now: RECEIVED_AT }).then([
      { type: 'ReferralReceived', data: { ...referralDetails(), receivedAt: RECEIVED_AT } },
      {
        type: 'DeadlineScheduled',
        data: {
          deadlineId: `${CASE_ID}/FIRST_CONTACT`,
          rule: 'FIRST_CONTACT',
          dueAt: '2025-03-05T09:00:00.000Z',
          applied: { 'da-referral.firstContactHours': 48 },
        },
      },
    ]);
  });

  it('applies a later policy entry from its effective date, with no code change, and records it', () => {
    const policy = daPolicyTable({ firstContactHours: [{ effectiveFrom: '2025-06-01', value: 24 }] });
    const spec24 = daSpec(policy);
    const before = spec24.given([]).when(receiveReferral(), { now: '2025-05-31T22:59:59.000Z' }).then(() => undefined);
    const after = spec24.given([]).when(receiveReferral(), { now: '2025-05-31T23:00:00.000Z' }).then(() => undefined);
    // 23:00 UTC on 31 May is midnight in London (BST): the new value is in force from then.
    expect(before[1]!.data).toMatchObject({ dueAt: '2025-06-02T22:59:59.000Z', applied: { 'da-referral.firstContactHours': 48 } });
    expect(after[1]!.data).toMatchObject({ dueAt: '2025-06-01T23:00:00.000Z', applied: { 'da-referral.firstContactHours': 24 } });
  });

  it('keeps the last MARAC referral date from the repeat index, and accepts its absence', () => {
    const [withLast] = spec.given([]).when(receiveReferral({ lastMaracReferralDate: '2024-09-30' }), { now: RECEIVED_AT }).then(() => undefined);
    expect(withLast!.data).toMatchObject({ lastMaracReferralDate: '2024-09-30' });
    const [without] = spec.given([]).when(receiveReferral(), { now: RECEIVED_AT }).then(() => undefined);
    expect(without!.data).not.toHaveProperty('lastMaracReferralDate');
  });

  describe('DA_DATE_IN_FUTURE: dates the referrer gives are not after today (London)', () => {
    // 23:30 UTC on 30 June 2025 is 00:30 on 1 July in London.
    const now = '2025-06-30T23:30:00.000Z';

    it("accepts a victim's date of birth of today and refuses tomorrow", () => {
      const victim = referralDetails().victim;
      spec.given([]).when(receiveReferral({ victim: { ...victim, dateOfBirth: '2025-07-01' } }), { now }).then((events) => {
        expect(events[0]!.type).toBe('ReferralReceived');
      });
      spec
        .given([])
        .when(receiveReferral({ victim: { ...victim, dateOfBirth: '2025-07-02' } }), { now })
        .thenThrows('DA_DATE_IN_FUTURE', { field: 'victim.dateOfBirth', today: '2025-07-01' });
    });

    it("refuses a perpetrator's date of birth after today", () => {
      const perpetrator = referralDetails().perpetrator;
      spec
        .given([])
        .when(receiveReferral({ perpetrator: { ...perpetrator, dateOfBirth: '2025-07-02' } }), { now })
        .thenThrows('DA_DATE_IN_FUTURE', { field: 'perpetrator.dateOfBirth' });
    });

    it('accepts a last MARAC referral today and refuses one tomorrow', () => {
      spec.given([]).when(receiveReferral({ lastMaracReferralDate: '2025-07-01' }), { now }).then((events) => {
        expect(events).toHaveLength(2);
      });
      spec
        .given([])
        .when(receiveReferral({ lastMaracReferralDate: '2025-07-02' }), { now })
        .thenThrows('DA_DATE_IN_FUTURE', { field: 'lastMaracReferralDate', date: '2025-07-02' });
    });
  });

  it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: a referral is received once', () => {
    spec
      .given(history([[receiveReferral(), RECEIVED_AT]]))
      .when(receiveReferral(), { now: '2025-03-03T09:05:00.000Z' })
      .thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'received', command: 'ReceiveReferral' });
  });
});
