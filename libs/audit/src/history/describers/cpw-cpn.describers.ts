import { CPW_CPN_EVENT_SCHEMAS } from '@casetrail/cases';
import { count, dateText, list, money, words } from '../wording';
import { DEADLINE_DESCRIBERS } from './deadline.describers';
import { DescribersOf } from './describer';

const issuerOf = (issuer: { issuerId: string; agency: string }) => `${issuer.issuerId} (${issuer.agency})`;

/** CPW -> CPN escalations (libs/cases/src/cpw-cpn/cpw-cpn.events.ts). */
export const CPW_CPN_DESCRIBERS: DescribersOf<typeof CPW_CPN_EVENT_SCHEMAS> = {
  EscalationOpened: (d, who) =>
    `CPW/CPN escalation opened by ${who} against ${d.recipient.kind === 'body' ? 'a body' : 'an individual'}` +
    (d.asbCaseId ? `, from ASB case ${d.asbCaseId}` : ''),
  RecipientDateOfBirthRecorded: (_d, who) => `Recipient's date of birth recorded by ${who}`,
  CpwIssued: (d) =>
    `CPW issued by ${issuerOf(d.issuer)} with ${count(d.requirements.length, 'requirement')} — comply by ${dateText(d.complyBy)}, ` +
    `lapses after ${dateText(d.inForceUntil)}`,
  ConductAfterWarningRecorded: (d, who) =>
    `Conduct after the warning reviewed on ${dateText(d.reviewedOn)} by ${who}: ${d.conductContinued ? 'the conduct continued' : 'the conduct stopped'}`,
  CpwLapsed: (d) => `CPW lapsed at the end of ${dateText(d.inForceUntil)}`,
  CpnIssued: (d) =>
    `CPN issued by ${issuerOf(d.issuer)} — appeal window ends ${dateText(d.appealDeadline)}, in force until ${dateText(d.inForceUntil)}`,
  AppealLodged: (d, who) =>
    `Appeal against the CPN lodged on ${dateText(d.lodgedOn)}, recorded by ${who}` +
    (d.suspendedRequirementIds.length > 0 ? ` — requirements ${list(d.suspendedRequirementIds)} suspended meanwhile` : ''),
  AppealDecided: (d, who) => `Magistrates' court ${d.outcome} the CPN on ${dateText(d.decidedOn)}, recorded by ${who}`,
  CpnExpired: (d) => `CPN expired at the end of ${dateText(d.inForceUntil)}`,
  BreachRecorded: (d, who) =>
    `Breach ${d.breachNumber} of the CPN on ${dateText(d.occurredOn)} (requirements ${list(d.requirementIds)}), recorded by ${who}`,
  FpnIssued: (d) =>
    `Fixed penalty notice of ${money(d.amountPence)} for breach ${d.breachNumber} issued by ${issuerOf(d.issuer)} — pay by ${dateText(d.payBy)}` +
    (d.earlyPayment ? ` (${money(d.earlyPayment.amountPence)} if paid by ${dateText(d.earlyPayment.payBy)})` : ''),
  FpnPaid: (d, who) =>
    `Fixed penalty for breach ${d.breachNumber} paid on ${dateText(d.paidOn)}: ${money(d.amountPence)}${d.earlyPaymentDiscount ? ' (early payment)' : ''}, recorded by ${who}`,
  FpnUnpaid: (d) => `Fixed penalty for breach ${d.breachNumber} not paid by ${dateText(d.payBy)} (${words(d.basis)})`,
  ProsecutionStarted: (d, who) =>
    `Prosecution ${d.prosecutionNumber} for ${d.breachNumbers.length === 1 ? 'breach' : 'breaches'} ${list(d.breachNumbers.map(String))} started at ${d.court} on ${dateText(d.startedOn)} by ${who}`,
  ProsecutionConcluded: (d, who) =>
    d.result === 'guilty'
      ? `Prosecution ${d.prosecutionNumber}: guilty to ${count(d.charges, 'charge')}, fined ${money(d.finePerChargePence)} each, ` +
        `${money(d.costsPence)} costs and ${money(d.victimSurchargePence)} victim surcharge — ${money(d.totalPayablePence)} in all (recorded by ${who})`
      : `Prosecution ${d.prosecutionNumber}: ${words(d.result)} on ${dateText(d.decidedOn)} (recorded by ${who})`,
  RemedialActionRecorded: (d, who) =>
    `Remedial action ${d.actionNumber} carried out on ${dateText(d.carriedOutOn)} at a cost of ${money(d.costPence)}, recorded by ${who}`,
  EscalationClosed: (d, who) => `Escalation closed by ${who}: ${words(d.outcome)}`,
  ...DEADLINE_DESCRIBERS,
};
