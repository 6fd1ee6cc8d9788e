import { StaticPolicy } from '@casetrail/workflow';
import { CommandData } from './cpw-cpn.commands';
import {
  at,
  cpwCpnPolicyTable,
  cpwCpnSpec,
  DATES,
  history,
  issueCpn,
  issueCpw,
  openBody,
  recordBreach,
  reviewConduct,
  withBreach,
  withFpn,
} from './testing/cpw-cpn.fixtures';

const spec = cpwCpnSpec();
const prosecute = (...breachNumbers: number[]) =>
  ({ type: 'StartProsecution', data: { breachNumbers, court: 'Medway Magistrates' } }) as const;
const guilty = (overrides: Partial<Extract<CommandData<'RecordProsecutionOutcome'>, { result: 'guilty' }>> = {}) =>
  ({
    type: 'RecordProsecutionOutcome',
    data: {
      result: 'guilty',
      prosecutionNumber: 1,
      decidedOn: '2025-05-20',
      charges: 5,
      finePerChargePence: 10_000,
      costsPence: 8_500,
      victimSurchargePence: 3_000,
      ...overrides,
    },
  }) as const;
const prosecuted = () => withBreach().run(prosecute(1), at('2025-03-12'));

describe('CPW -> CPN: starting a prosecution (s48, s52(5))', () => {
  it('starts for a breach with no fixed penalty', () => {
    spec.given(withBreach().events).when(prosecute(1), { now: at('2025-03-12') }).then([
      {
        type: 'ProsecutionStarted',
        data: { prosecutionNumber: 1, startedAt: at('2025-03-12'), startedOn: '2025-03-12', breachNumbers: [1], court: 'Medway Magistrates' },
      },
    ]);
  });

  it('is barred on the last day of the fixed penalty period', () => {
    spec
      .given(withFpn().events)
      .when(prosecute(1), { now: at('2025-03-26') })
      .thenThrows('PROSECUTION_BARRED_DURING_FPN_PERIOD', { breachNumber: 1, payBy: '2025-03-26' });
  });

  it('starts the day after an unpaid period, recording the penalty as unpaid first', () => {
    spec.given(withFpn().events).when(prosecute(1), { now: at('2025-03-27') }).then([
      { type: 'FpnUnpaid', data: { breachNumber: 1, recordedAt: at('2025-03-27'), payBy: '2025-03-26', basis: 'prosecution-started' } },
      {
        type: 'ProsecutionStarted',
        data: { prosecutionNumber: 1, startedAt: at('2025-03-27'), startedOn: '2025-03-27', breachNumbers: [1], court: 'Medway Magistrates' },
      },
    ]);
  });

  it('is refused for a breach discharged by paying the penalty', () => {
    const paid = withFpn().run({ type: 'RecordFpnPayment', data: { breachNumber: 1, amountPence: 7_500, paidOn: '2025-03-14' } }, at('2025-03-14'));
    spec.given(paid.events).when(prosecute(1), { now: at('2025-04-01') }).thenThrows('FPN_PAID_NO_PROSECUTION', { breachNumber: 1 });
  });

  it('is refused for a breach already prosecuted', () => {
    spec.given(prosecuted().events).when(prosecute(1), { now: at('2025-03-13') }).thenThrows('BREACH_ALREADY_PROSECUTED', {
      breachNumber: 1,
    });
  });

  it('is refused for a breach that is not recorded, naming it', () => {
    spec.given(withBreach().events).when(prosecute(1, 4), { now: at('2025-03-12') }).thenThrows('BREACH_NOT_FOUND', { breachNumber: 4 });
  });

  it('takes several breaches as one prosecution', () => {
    const twoBreaches = withBreach().run(recordBreach('2025-03-11'), at('2025-03-12'));
    spec
      .given(twoBreaches.events)
      .when(prosecute(1, 2), { now: at('2025-03-13') })
      .then((events) => expect(events[0]).toMatchObject({ type: 'ProsecutionStarted', data: { breachNumbers: [1, 2] } }));
  });
});

describe('CPW -> CPN: the outcome of a prosecution', () => {
  it("records the borough's case: guilty to 5 charges, 100 GBP each, 85 GBP costs, 30 GBP victim surcharge", () => {
    spec.given(prosecuted().events).when(guilty(), { now: at('2025-05-20') }).then([
      {
        type: 'ProsecutionConcluded',
        data: {
          prosecutionNumber: 1,
          recordedAt: at('2025-05-20'),
          decidedOn: '2025-05-20',
          result: 'guilty',
          charges: 5,
          finePerChargePence: 10_000,
          totalFinePence: 50_000,
          costsPence: 8_500,
          victimSurchargePence: 3_000,
          totalPayablePence: 61_500,
          maximumFinePerChargePence: 250_000,
          policyApplied: [
            {
              key: 'cpw-cpn.maximumFineIndividual',
              value: 250_000,
              effectiveFrom: '2014-10-20',
              source: 'Anti-social Behaviour, Crime and Policing Act 2014 s48(2)(a); level 4, Sentencing Act 2020 s122',
            },
          ],
        },
      },
    ]);
  });

  describe('the fine per charge is capped by s48(2)', () => {
    it('accepts level 4 (2,500 GBP) for an individual', () => {
      spec
        .given(prosecuted().events)
        .when(guilty({ finePerChargePence: 250_000 }), { now: at('2025-05-20') })
        .then((events) => expect(events[0]).toMatchObject({ data: { totalFinePence: 1_250_000 } }));
    });

    it('refuses a penny more', () => {
      spec
        .given(prosecuted().events)
        .when(guilty({ finePerChargePence: 250_001 }), { now: at('2025-05-20') })
        .thenThrows('FINE_EXCEEDS_STATUTORY_MAXIMUM', { finePerChargePence: 250_001, maximumPence: 250_000 });
    });

    const bodyProsecuted = (policy?: StaticPolicy) =>
      history(policy)
        .run(openBody(), at(DATES.opened))
        .run(issueCpw(), at(DATES.cpwIssued))
        .run(reviewConduct(true), at(DATES.reviewed))
        .run(issueCpn(), at(DATES.cpnIssued))
        .run(recordBreach('2025-03-10'), at('2025-03-11'))
        .run(prosecute(1), at('2025-03-12'));

    it('accepts 20,000 GBP for a body', () => {
      spec
        .given(bodyProsecuted().events)
        .when(guilty({ charges: 1, finePerChargePence: 2_000_000 }), { now: at('2025-05-20') })
        .then((events) => expect(events[0]).toMatchObject({ data: { maximumFinePerChargePence: 2_000_000 } }));
    });

    it('refuses a penny more for a body', () => {
      spec
        .given(bodyProsecuted().events)
        .when(guilty({ charges: 1, finePerChargePence: 2_000_001 }), { now: at('2025-05-20') })
        .thenThrows('FINE_EXCEEDS_STATUTORY_MAXIMUM', { maximumPence: 2_000_000 });
    });

    it('accepts any fine for a body where the policy sets no maximum', () => {
      const unlimited = cpwCpnPolicyTable({ add: { maximumFineBody: [{ effectiveFrom: '2015-03-12', value: null }] } });
      cpwCpnSpec(unlimited)
        .given(bodyProsecuted(unlimited).events)
        .when(guilty({ charges: 1, finePerChargePence: 5_000_000 }), { now: at('2025-05-20') })
        .then((events) => expect(events[0]).toMatchObject({ data: { maximumFinePerChargePence: null } }));
    });

    describe('where the maximum changed between the breaches charged', () => {
      const raised = cpwCpnPolicyTable({ add: { maximumFineIndividual: [{ effectiveFrom: '2025-03-11', value: 400_000 }] } });
      // Breach 2 (11 March, after the change) is named first, so the first breach is not the binding one.
      const bothCharged = () =>
        withBreach(raised).run(recordBreach('2025-03-11'), at('2025-03-12')).run(prosecute(2, 1), at('2025-03-13'));

      it('applies the lowest maximum in force on the dates of the breaches', () => {
        cpwCpnSpec(raised)
          .given(bothCharged().events)
          .when(guilty({ finePerChargePence: 250_001 }), { now: at('2025-05-20') })
          .thenThrows('FINE_EXCEEDS_STATUTORY_MAXIMUM', { maximumPence: 250_000 });
      });

      it('records both values applied', () => {
        cpwCpnSpec(raised)
          .given(bothCharged().events)
          .when(guilty({ finePerChargePence: 250_000 }), { now: at('2025-05-20') })
          .then((events) =>
            expect(events[0]).toMatchObject({
              data: {
                maximumFinePerChargePence: 250_000,
                policyApplied: [
                  { value: 400_000, effectiveFrom: '2025-03-11' },
                  { value: 250_000, effectiveFrom: '2014-10-20' },
                ],
              },
            }),
          );
      });
    });
  });

  it.each(['not-guilty', 'withdrawn'] as const)('records %s', (result) => {
    spec
      .given(prosecuted().events)
      .when({ type: 'RecordProsecutionOutcome', data: { result, prosecutionNumber: 1, decidedOn: '2025-05-20' } }, { now: at('2025-05-21') })
      .then([
        { type: 'ProsecutionConcluded', data: { prosecutionNumber: 1, recordedAt: at('2025-05-21'), decidedOn: '2025-05-20', result } },
      ]);
  });

  it('refuses an outcome for a prosecution that was not started', () => {
    spec.given(prosecuted().events).when(guilty({ prosecutionNumber: 2 }), { now: at('2025-05-20') }).thenThrows('PROSECUTION_NOT_FOUND', {
      prosecutionNumber: 2,
    });
  });

  it('refuses a second outcome', () => {
    spec
      .given(prosecuted().run(guilty(), at('2025-05-20')).events)
      .when(guilty(), { now: at('2025-05-21') })
      .thenThrows('PROSECUTION_ALREADY_CONCLUDED', { result: 'guilty' });
  });

  it('refuses a decision dated before the prosecution started', () => {
    spec.given(prosecuted().events).when(guilty({ decidedOn: '2025-03-11' }), { now: at('2025-05-20') }).thenThrows('DATE_OUT_OF_ORDER', {
      field: 'decidedOn',
      notBefore: '2025-03-12',
    });
  });

  it('refuses a decision dated after today', () => {
    spec.given(prosecuted().events).when(guilty({ decidedOn: '2025-05-21' }), { now: at('2025-05-20') }).thenThrows('DATE_IN_THE_FUTURE', {
      field: 'decidedOn',
    });
  });
});
