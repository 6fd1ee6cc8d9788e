import { endOfLondonDay } from '@casetrail/workflow';
import { CpwCpnEvent } from './cpw-cpn.events';
import {
  at,
  CASE_ID,
  constable,
  council,
  cpwCpnPolicyTable,
  cpwCpnSpec,
  history,
  issueCpn,
  issueCpw,
  openIndividual,
  recordBreach,
  reviewConduct,
  withBreach,
  withCpn,
  withFpn,
} from './testing/cpw-cpn.fixtures';

const spec = cpwCpnSpec();
const issueFpn = (breachNumber = 1) => ({ type: 'IssueFpn', data: { breachNumber, issuer: constable } }) as const;
const pay = (amountPence: number, paidOn: string) =>
  ({ type: 'RecordFpnPayment', data: { breachNumber: 1, amountPence, paidOn } }) as const;
const paymentDeadlineId = `${CASE_ID}/FPN_PAYMENT_PERIOD/1`;

describe('CPW -> CPN: issuing a fixed penalty notice (s52)', () => {
  it('offers 100 GBP within the 14 days following the notice, or 75 GBP within 10, recording the policy applied', () => {
    spec.given(withBreach().events).when(issueFpn(), { now: at('2025-03-12') }).then([
      {
        type: 'FpnIssued',
        data: {
          breachNumber: 1,
          issuedAt: at('2025-03-12'),
          issuedOn: '2025-03-12',
          issuer: constable,
          amountPence: 10_000,
          earlyPayment: { amountPence: 7_500, payBy: '2025-03-22' },
          payBy: '2025-03-26',
          paymentDeadlineId,
          policyApplied: [
            {
              key: 'cpw-cpn.fpnAmount',
              value: 10_000,
              effectiveFrom: '2014-10-20',
              source: 'Anti-social Behaviour, Crime and Policing Act 2014 s52(7) (at most 100 GBP)',
            },
            {
              key: 'cpw-cpn.fpnPaymentDays',
              value: 14,
              effectiveFrom: '2014-10-20',
              source: 'Anti-social Behaviour, Crime and Policing Act 2014 s52(5)',
            },
            {
              key: 'cpw-cpn.fpnEarlyPayment',
              value: { amount: 7_500, withinDays: 10 },
              effectiveFrom: '2014-10-20',
              source: 'local convention (s52(8) permits it)',
            },
          ],
        },
      },
      {
        type: 'DeadlineScheduled',
        data: {
          deadlineId: paymentDeadlineId,
          rule: 'FPN_PAYMENT_PERIOD',
          dueAt: endOfLondonDay('2025-03-26'),
          applied: { 'cpw-cpn.fpnPaymentDays': 14 },
        },
      },
    ]);
  });

  it('offers no early payment where the council has none', () => {
    const noDiscount = cpwCpnPolicyTable({ replace: { fpnEarlyPayment: [{ effectiveFrom: '2014-10-20', value: null }] } });
    cpwCpnSpec(noDiscount)
      .given(withBreach(noDiscount).events)
      .when(issueFpn(), { now: at('2025-03-12') })
      .then((events) => expect(fpnIssued(events).earlyPayment).toBeNull());
  });

  describe('when a later Act raises the amount (a dated policy entry, no code change)', () => {
    // The Crime and Policing Act 2026's date is not yet set: this table assumes 1 January 2027.
    const raised = cpwCpnPolicyTable({
      add: { fpnAmount: [{ effectiveFrom: '2027-01-01', value: 50_000, source: 'Crime and Policing Act 2026' }] },
    });
    const twoBreachesAcrossTheChange = () =>
      history(raised)
        .run(openIndividual(), at('2026-05-01'))
        .run(issueCpw(), at('2026-05-04'))
        .run(reviewConduct(true), at('2026-05-19'))
        .run(issueCpn({ appropriateBodiesInformed: [{ body: 'kent-police', informedOn: '2026-05-28' }] }), at('2026-06-01'))
        .run(recordBreach('2026-12-31'), at('2027-01-04'))
        .run(recordBreach('2027-01-01'), at('2027-01-04'));

    it('charges the amount in force on the day of a breach before the change, even when issued after it', () => {
      cpwCpnSpec(raised)
        .given(twoBreachesAcrossTheChange().events)
        .when(issueFpn(1), { now: at('2027-01-05') })
        .then((events) => expect(fpnIssued(events).amountPence).toBe(10_000));
    });

    it('charges the new amount for a breach on the day it takes effect', () => {
      cpwCpnSpec(raised)
        .given(twoBreachesAcrossTheChange().events)
        .when(issueFpn(2), { now: at('2027-01-05') })
        .then((events) =>
          expect(fpnIssued(events)).toMatchObject({
            amountPence: 50_000,
            policyApplied: [{ key: 'cpw-cpn.fpnAmount', value: 50_000, effectiveFrom: '2027-01-01' }, {}, {}],
          }),
        );
    });
  });

  it('refuses a breach that is not recorded', () => {
    spec.given(withBreach().events).when(issueFpn(2), { now: at('2025-03-12') }).thenThrows('BREACH_NOT_FOUND', { breachNumber: 2 });
  });

  it('allows one fixed penalty per breach', () => {
    spec.given(withFpn().events).when(issueFpn(), { now: at('2025-03-13') }).thenThrows('FPN_ALREADY_ISSUED', { breachNumber: 1 });
  });

  it('refuses a fixed penalty for a breach already being prosecuted', () => {
    const prosecuted = withBreach().run({ type: 'StartProsecution', data: { breachNumbers: [1], court: 'Medway Magistrates' } }, at('2025-03-12'));
    spec.given(prosecuted.events).when(issueFpn(), { now: at('2025-03-13') }).thenThrows('BREACH_ALREADY_PROSECUTED', {
      breachNumber: 1,
      prosecutionNumber: 1,
    });
  });
});

describe('CPW -> CPN: paying the fixed penalty', () => {
  it('accepts the discounted amount on the last day of the early-payment period, meeting the deadline', () => {
    spec.given(withFpn().events).when(pay(7_500, '2025-03-22'), { now: at('2025-03-24') }).then([
      {
        type: 'FpnPaid',
        data: { breachNumber: 1, recordedAt: at('2025-03-24'), paidOn: '2025-03-22', amountPence: 7_500, earlyPaymentDiscount: true },
      },
      { type: 'DeadlineMet', data: { deadlineId: paymentDeadlineId, metAt: at('2025-03-24') } },
    ]);
  });

  it('refuses the discounted amount the day after, naming what was due', () => {
    spec
      .given(withFpn().events)
      .when(pay(7_500, '2025-03-23'), { now: at('2025-03-24') })
      .thenThrows('FPN_PAYMENT_WRONG_AMOUNT', { paidPence: 7_500, duePence: 10_000 });
  });

  it('refuses the full amount within the early-payment period: the amount due that day is the lower one', () => {
    spec
      .given(withFpn().events)
      .when(pay(10_000, '2025-03-15'), { now: at('2025-03-16') })
      .thenThrows('FPN_PAYMENT_WRONG_AMOUNT', { paidPence: 10_000, duePence: 7_500 });
  });

  it('accepts the full amount on the last day of the 14', () => {
    spec
      .given(withFpn().events)
      .when(pay(10_000, '2025-03-26'), { now: at('2025-03-27') })
      .then((events) => expect(events[0]).toMatchObject({ type: 'FpnPaid', data: { earlyPaymentDiscount: false } }));
  });

  it('refuses a payment made after the period: it no longer discharges liability', () => {
    spec
      .given(withFpn().events)
      .when(pay(10_000, '2025-03-27'), { now: at('2025-03-27') })
      .thenThrows('FPN_PAID_AFTER_PAYMENT_PERIOD', { payBy: '2025-03-26' });
  });

  it('refuses a payment dated before the notice', () => {
    spec.given(withFpn().events).when(pay(7_500, '2025-03-11'), { now: at('2025-03-13') }).thenThrows('DATE_OUT_OF_ORDER', {
      field: 'paidOn',
      notBefore: '2025-03-12',
    });
  });

  it('refuses a payment dated after today', () => {
    spec.given(withFpn().events).when(pay(7_500, '2025-03-14'), { now: at('2025-03-13') }).thenThrows('DATE_IN_THE_FUTURE', {
      field: 'paidOn',
    });
  });

  it('refuses a payment for a breach with no fixed penalty', () => {
    spec.given(withBreach().events).when(pay(10_000, '2025-03-12'), { now: at('2025-03-13') }).thenThrows('FPN_NOT_ISSUED');
  });

  it('refuses a second payment', () => {
    const paid = withFpn().run(pay(7_500, '2025-03-14'), at('2025-03-14'));
    spec.given(paid.events).when(pay(7_500, '2025-03-15'), { now: at('2025-03-15') }).thenThrows('FPN_ALREADY_PAID');
  });
});

describe('CPW -> CPN: a fixed penalty left unpaid', () => {
  const unpaid = { type: 'RecordFpnUnpaid', data: { breachNumber: 1 } } as const;

  it('cannot be recorded on the last day of the period', () => {
    spec.given(withFpn().events).when(unpaid, { now: at('2025-03-26') }).thenThrows('FPN_PAYMENT_PERIOD_NOT_ENDED', {
      payBy: '2025-03-26',
    });
  });

  it('is recorded by an officer the day after', () => {
    spec.given(withFpn().events).when(unpaid, { now: at('2025-03-27') }).then([
      { type: 'FpnUnpaid', data: { breachNumber: 1, recordedAt: at('2025-03-27'), payBy: '2025-03-26', basis: 'recorded-by-officer' } },
    ]);
  });

  it('recorded twice changes nothing', () => {
    spec.given(withFpn().run(unpaid, at('2025-03-27')).events).when(unpaid, { now: at('2025-03-28') }).then([]);
  });

  it('cannot be recorded once paid', () => {
    spec.given(withFpn().run(pay(7_500, '2025-03-14'), at('2025-03-14')).events).when(unpaid, { now: at('2025-03-28') }).thenThrows(
      'FPN_ALREADY_PAID',
    );
  });

  it('follows from the payment deadline firing after the period', () => {
    const expire = { type: 'ExpireDeadline', data: { deadlineId: paymentDeadlineId, dueAt: endOfLondonDay('2025-03-26') } } as const;
    spec.given(withFpn().events).when(expire, { now: '2025-03-27T00:00:05.000Z' }).then([
      {
        type: 'DeadlineMissed',
        data: {
          deadlineId: paymentDeadlineId,
          rule: 'FPN_PAYMENT_PERIOD',
          dueAt: endOfLondonDay('2025-03-26'),
          missedAt: '2025-03-27T00:00:05.000Z',
        },
      },
      { type: 'FpnUnpaid', data: { breachNumber: 1, recordedAt: '2025-03-27T00:00:05.000Z', payBy: '2025-03-26', basis: 'payment-period-missed' } },
    ]);
  });

  it('does not follow from a deadline that fires early', () => {
    const expire = { type: 'ExpireDeadline', data: { deadlineId: paymentDeadlineId, dueAt: endOfLondonDay('2025-03-26') } } as const;
    spec.given(withFpn().events).when(expire, { now: at('2025-03-26') }).then([]);
  });
});

it("adds the issuer's agency to the agencies of the case", () => {
  expect(withCpn().state).toMatchObject({ agencies: [council.agency] });
  expect(withBreach().run(issueFpn(), at('2025-03-12')).state).toMatchObject({ agencies: [council.agency, constable.agency] });
});

function fpnIssued(events: CpwCpnEvent[]) {
  const event = events.find((e) => e.type === 'FpnIssued');
  if (event?.type !== 'FpnIssued') throw new Error('no FpnIssued event');
  return event.data;
}
