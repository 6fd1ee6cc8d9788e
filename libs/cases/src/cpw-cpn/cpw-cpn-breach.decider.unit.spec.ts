import {
  at,
  cpwCpnSpec,
  DATES,
  recordBreach,
  withBreach,
  withCpn,
} from './testing/cpw-cpn.fixtures';

const spec = cpwCpnSpec();
const withAppealLodged = () => withCpn().run({ type: 'LodgeAppeal', data: { lodgedOn: '2025-02-20' } }, at('2025-02-20'));
const remedialAction = (carriedOutOn: string) =>
  ({
    type: 'RecordRemedialAction',
    data: { description: 'Council contractor removed the speakers from the garden.', costPence: 18_500, carriedOutOn },
  }) as const;

describe('CPW -> CPN: recording a breach of the notice (s48)', () => {
  it('numbers breaches in the order they are recorded', () => {
    spec.given(withBreach().events).when(recordBreach('2025-03-15', ['R1', 'R2']), { now: at('2025-03-16') }).then([
      {
        type: 'BreachRecorded',
        data: {
          breachNumber: 2,
          recordedAt: at('2025-03-16'),
          occurredOn: '2025-03-15',
          requirementIds: ['R1', 'R2'],
          description: 'Music until 2am, recorded by the noise app.',
        },
      },
    ]);
  });

  it('refuses a breach before the notice was issued', () => {
    spec
      .given(withCpn().events)
      .when(recordBreach('2025-02-02'), { now: at('2025-02-10') })
      .thenThrows('BREACH_OUTSIDE_CPN_PERIOD', { occurredOn: '2025-02-02', issuedOn: DATES.cpnIssued });
  });

  it('accepts a breach on the issue date', () => {
    spec
      .given(withCpn().events)
      .when(recordBreach(DATES.cpnIssued), { now: at('2025-02-10') })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['BreachRecorded']));
  });

  describe('after the notice expired', () => {
    const expired = () => withCpn().run({ type: 'ExpireCpn', data: {} }, at('2026-02-03'));

    it('accepts a late record of a breach on its last day in force', () => {
      spec
        .given(expired().events)
        .when(recordBreach(DATES.cpnInForceUntil), { now: at('2026-02-05') })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['BreachRecorded']));
    });

    it('refuses a breach the day after', () => {
      spec
        .given(expired().events)
        .when(recordBreach('2026-02-03'), { now: at('2026-02-05') })
        .thenThrows('BREACH_OUTSIDE_CPN_PERIOD', { inForceUntil: DATES.cpnInForceUntil });
    });
  });

  it('refuses a breach dated after today', () => {
    spec.given(withCpn().events).when(recordBreach('2025-03-11'), { now: at('2025-03-10') }).thenThrows('DATE_IN_THE_FUTURE', {
      field: 'occurredOn',
    });
  });

  it('refuses a requirement the notice does not contain', () => {
    spec
      .given(withCpn().events)
      .when(recordBreach('2025-03-10', ['R1', 'R3']), { now: at('2025-03-11') })
      .thenThrows('BREACH_OF_REQUIREMENT_NOT_IN_NOTICE', { requirementId: 'R3' });
  });

  describe('while an appeal is in progress (s46(3))', () => {
    it('accepts a breach of a "stop" requirement', () => {
      spec
        .given(withAppealLodged().events)
        .when(recordBreach('2025-02-25', ['R1']), { now: at('2025-02-26') })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['BreachRecorded']));
    });

    it('refuses a breach of a suspended "do" requirement', () => {
      spec
        .given(withAppealLodged().events)
        .when(recordBreach('2025-02-25', ['R2']), { now: at('2025-02-26') })
        .thenThrows('BREACH_OF_SUSPENDED_REQUIREMENT', { requirementId: 'R2', occurredOn: '2025-02-25' });
    });

    it('accepts a "do" breach dated the day before the appeal was lodged', () => {
      spec
        .given(withAppealLodged().events)
        .when(recordBreach('2025-02-19', ['R2']), { now: at('2025-02-26') })
        .then((events) => expect(events.map((e) => e.type)).toEqual(['BreachRecorded']));
    });

    describe('once the appeal is dismissed on 14 March', () => {
      const dismissed = () =>
        withAppealLodged().run({ type: 'RecordAppealOutcome', data: { outcome: 'dismissed', decidedOn: '2025-03-14' } }, at('2025-03-14'));

      it('still refuses a "do" breach dated the day before the decision', () => {
        spec
          .given(dismissed().events)
          .when(recordBreach('2025-03-13', ['R2']), { now: at('2025-03-20') })
          .thenThrows('BREACH_OF_SUSPENDED_REQUIREMENT', { requirementId: 'R2' });
      });

      it('accepts a "do" breach dated the day of the decision', () => {
        spec
          .given(dismissed().events)
          .when(recordBreach('2025-03-14', ['R2']), { now: at('2025-03-20') })
          .then((events) => expect(events.map((e) => e.type)).toEqual(['BreachRecorded']));
      });
    });
  });
});

describe('CPW -> CPN: remedial action by the council (s47)', () => {
  it('records the work, its cost in pence and its date', () => {
    spec.given(withBreach().events).when(remedialAction('2025-03-20'), { now: at('2025-03-21') }).then([
      {
        type: 'RemedialActionRecorded',
        data: {
          actionNumber: 1,
          recordedAt: at('2025-03-21'),
          carriedOutOn: '2025-03-20',
          description: 'Council contractor removed the speakers from the garden.',
          costPence: 18_500,
        },
      },
    ]);
  });

  it('refuses remedial action before any breach is recorded', () => {
    spec.given(withCpn().events).when(remedialAction('2025-03-20'), { now: at('2025-03-21') }).thenThrows('REMEDIAL_ACTION_REQUIRES_BREACH');
  });

  it('refuses work dated before the earliest breach', () => {
    spec
      .given(withBreach().events)
      .when(remedialAction('2025-03-09'), { now: at('2025-03-21') })
      .thenThrows('DATE_OUT_OF_ORDER', { field: 'carriedOutOn', notBefore: '2025-03-10' });
  });

  it('refuses work dated after today', () => {
    spec.given(withBreach().events).when(remedialAction('2025-03-22'), { now: at('2025-03-21') }).thenThrows('DATE_IN_THE_FUTURE', {
      field: 'carriedOutOn',
    });
  });

  it('is not available while an appeal suspends the requirements it would enforce', () => {
    const breachThenAppeal = withBreach().run({ type: 'LodgeAppeal', data: { lodgedOn: '2025-02-20' } }, at('2025-03-11'));
    spec
      .given(breachThenAppeal.events)
      .when(remedialAction('2025-03-12'), { now: at('2025-03-12') })
      .thenThrows('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'cpn-under-appeal', command: 'RecordRemedialAction' });
  });
});
