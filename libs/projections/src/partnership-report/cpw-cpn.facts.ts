import { z } from 'zod';
import { CPW_CPN_EVENT_SCHEMAS } from '@casetrail/cases';
import { FACT_KIND, FactDraft } from './report-fact';

const events = CPW_CPN_EVENT_SCHEMAS;
// The issuer's name is personal: only the type of issuer is read.
const IssuerType = z.object({ issuerType: events.CpwIssued.shape.issuer.shape.issuerType });
const WarningOrNotice = z.object({ issuedOn: events.CpwIssued.shape.issuedOn, issuer: IssuerType });
const Breach = events.BreachRecorded.pick({ occurredOn: true }).loose();
const FpnIssued = events.FpnIssued.pick({ issuedOn: true, amountPence: true }).loose();
const FpnPaid = events.FpnPaid.pick({ paidOn: true, amountPence: true, earlyPaymentDiscount: true }).loose();
const ProsecutionStarted = events.ProsecutionStarted.pick({ startedOn: true }).loose();
// No personal field in an outcome: the whole event is read.
const ProsecutionConcluded = events.ProsecutionConcluded;

/** Warnings, notices, breaches, fixed penalties and prosecutions, each on the date it happened. */
export function cpwCpnFacts(type: string, data: unknown): FactDraft[] {
  switch (type) {
    case 'CpwIssued': {
      const { issuedOn, issuer } = WarningOrNotice.parse(data);
      return [{ kind: FACT_KIND.cpwIssued, on: issuedOn, dimension: issuer.issuerType }];
    }
    case 'CpnIssued': {
      const { issuedOn, issuer } = WarningOrNotice.parse(data);
      return [{ kind: FACT_KIND.cpnIssued, on: issuedOn, dimension: issuer.issuerType }];
    }
    case 'BreachRecorded':
      return [{ kind: FACT_KIND.cpnBreach, on: Breach.parse(data).occurredOn }];
    case 'FpnIssued': {
      const { issuedOn, amountPence } = FpnIssued.parse(data);
      return [{ kind: FACT_KIND.fpnIssued, on: issuedOn, quantity: amountPence }];
    }
    case 'FpnPaid': {
      const { paidOn, amountPence, earlyPaymentDiscount } = FpnPaid.parse(data);
      return [{ kind: FACT_KIND.fpnPaid, on: paidOn, dimension: earlyPaymentDiscount ? 'early' : 'full', quantity: amountPence }];
    }
    case 'ProsecutionStarted':
      return [{ kind: FACT_KIND.prosecutionStarted, on: ProsecutionStarted.parse(data).startedOn }];
    case 'ProsecutionConcluded':
      return prosecutionOutcomeFacts(ProsecutionConcluded.parse(data));
    default:
      return [];
  }
}

function prosecutionOutcomeFacts(outcome: z.infer<typeof ProsecutionConcluded>): FactDraft[] {
  const on = outcome.decidedOn;
  if (outcome.result !== 'guilty') {
    return [{ kind: FACT_KIND.prosecutionConcluded, on, dimension: outcome.result, quantity: 0 }];
  }
  return [
    { kind: FACT_KIND.prosecutionConcluded, on, dimension: 'guilty', quantity: outcome.charges },
    { kind: FACT_KIND.prosecutionFine, on, quantity: outcome.totalFinePence },
    { kind: FACT_KIND.prosecutionCosts, on, quantity: outcome.costsPence },
    { kind: FACT_KIND.prosecutionVictimSurcharge, on, quantity: outcome.victimSurchargePence },
    { kind: FACT_KIND.prosecutionTotalPayable, on, quantity: outcome.totalPayablePence },
  ];
}
