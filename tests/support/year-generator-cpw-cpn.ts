import { addDays, addMonths, DomainCommand } from '@casetrail/workflow';
import { CaseTimeline } from './year-generator-casework';
import { ASB_OFFICER, GeneratorContext, POLICE_OFFICER } from './year-generator-ledger';

const COUNCIL_ISSUER = { issuerType: 'council', issuerId: 'TMBC-ASB-1', name: 'Sam Okafor', agency: 'tmbc' } as const;
const CONSTABLE_ISSUER = { issuerType: 'constable', issuerId: 'PC-4412', name: 'Jo Reid', agency: 'kent-police' } as const;
const limb = (note: string) => ({ met: true, note });

interface Breach {
  breachNumber: number;
  /** The first day a prosecution may start; undefined once the penalty was paid. */
  prosecutableFrom?: string;
}

/**
 * A CPW -> CPN escalation from an ASB case: the warning, a review of the conduct, perhaps a
 * notice, then breaches with fixed penalties (paid early, paid in full, or not) and perhaps a
 * prosecution. Each step happens on a later day than the one before.
 */
export async function runCpwCpnEscalation(ctx: GeneratorContext, caseId: string, openedOn: string, asbCaseId: string): Promise<void> {
  const { casework, random, record } = ctx;
  const byCouncil = random.chance(0.7);
  const officer = byCouncil ? ASB_OFFICER : POLICE_OFFICER;
  const issuer = byCouncil ? COUNCIL_ISSUER : CONSTABLE_ISSUER;
  const timeline = new CaseTimeline(random);
  const send = (command: DomainCommand, on: string) => casework.send(caseId, command, timeline.at(on), officer);

  const recipient = random.chance(0.1)
    ? { kind: 'body', name: 'Riverside Takeaway Ltd', registeredAddress: '4 High Street, Tonbridge' }
    : { kind: 'individual', name: 'Alex Example', dateOfBirth: addMonths(openedOn, -12 * random.int(17, 60)), address: '12 Acacia Avenue, Tonbridge' };
  await send({ type: 'OpenEscalation', data: { recipient, conduct: { narrative: 'Loud music most nights after 11pm.' }, asbCaseId } }, openedOn);

  let day = addDays(openedOn, random.int(1, 7));
  if (!random.chance(0.95)) {
    await send({ type: 'CloseEscalation', data: { outcome: 'no-further-action' } }, day);
    return;
  }
  const daysToComply = random.pick([14, 21, 28]);
  await send(
    {
      type: 'IssueCpw',
      data: {
        issuer,
        s43Test: {
          detrimentalEffect: limb('Neighbours report lost sleep.'),
          persistentOrContinuing: limb('Several nights a week for months.'),
          unreasonable: limb('Measured at the boundary after midnight.'),
        },
        requirements: [
          { requirementId: 'R1', kind: 'stop', text: 'Stop playing amplified music after 11pm.' },
          { requirementId: 'R2', kind: 'do', text: 'Remove the speakers from the garden.' },
        ],
        timeToComply: { kind: 'days', days: daysToComply },
        statesCpnWillFollow: true,
      },
    },
    day,
  );
  record({ what: 'cpw-issued', on: day, issuerType: issuer.issuerType });

  day = addDays(day, daysToComply + random.int(1, 10));
  const continued = random.chance(0.5);
  await send({ type: 'RecordConductAfterWarning', data: { conductContinued: continued, note: 'Checked with the neighbours.' } }, day);
  if (!continued) {
    await send({ type: 'CloseEscalation', data: { outcome: 'conduct-stopped' } }, day);
    return;
  }

  day = addDays(day, random.int(0, 5));
  await send({ type: 'IssueCpn', data: { issuer, requirementIds: ['R1', 'R2'], appropriateBodiesInformed: [{ body: 'kent-police', informedOn: day }] } }, day);
  record({ what: 'cpn-issued', on: day, issuerType: issuer.issuerType });
  await enforceNotice(ctx, send, day);
}

async function enforceNotice(ctx: GeneratorContext, send: (command: DomainCommand, on: string) => Promise<unknown>, cpnIssuedOn: string): Promise<void> {
  const { random, record } = ctx;
  const lastBreachDay = addDays(cpnIssuedOn, 330); // comfortably inside the notice's 12 months
  const breaches: Breach[] = [];
  let day = cpnIssuedOn;
  while (breaches.length < 4 && random.chance(breaches.length === 0 ? 0.45 : 0.3)) {
    const occurredOn = addDays(day, random.int(7, 60));
    if (occurredOn > lastBreachDay) break;
    day = addDays(occurredOn, random.int(0, 2));
    await send({ type: 'RecordBreach', data: { occurredOn, requirementIds: ['R1'], description: 'Music until 2am.' } }, day);
    record({ what: 'cpn-breach', on: occurredOn });
    const breach: Breach = { breachNumber: breaches.length + 1, prosecutableFrom: day };
    breaches.push(breach);
    if (random.chance(0.6)) day = await fixedPenalty(ctx, send, breach, occurredOn, addDays(day, random.int(0, 3)));
  }
  const prosecutable = breaches.filter((b) => b.prosecutableFrom !== undefined);
  if (prosecutable.length === 0 || !random.chance(0.6)) return;
  const earliest = prosecutable.map((b) => b.prosecutableFrom!).reduce((a, b) => (a > b ? a : b), day);
  await prosecute(ctx, send, prosecutable, addDays(earliest, random.int(1, 20)));
}

/** Issues the penalty and pays it early, in full or not at all; returns the last day acted on. */
async function fixedPenalty(
  ctx: GeneratorContext,
  send: (command: DomainCommand, on: string) => Promise<unknown>,
  breach: Breach,
  occurredOn: string,
  issuedOn: string,
): Promise<string> {
  const { casework, random, record } = ctx;
  await send({ type: 'IssueFpn', data: { breachNumber: breach.breachNumber, issuer: COUNCIL_ISSUER } }, issuedOn);
  // The amount printed on the notice: the policy in force on the day of the offence.
  const amount = casework.policyValue<number>('cpw-cpn', 'fpnAmount', occurredOn);
  const early = casework.policyValue<{ amount: number; withinDays: number } | null>('cpw-cpn', 'fpnEarlyPayment', issuedOn);
  const paymentDays = casework.policyValue<number>('cpw-cpn', 'fpnPaymentDays', issuedOn);
  record({ what: 'fpn-issued', on: issuedOn, pence: amount });
  const payBy = addDays(issuedOn, paymentDays);
  const payment = random.weighted({ early: early ? 0.45 : 0, full: 0.25, none: 0.3 });
  if (payment === 'none') {
    breach.prosecutableFrom = addDays(payBy, 1);
    return issuedOn;
  }
  const paidOn = payment === 'early' && early ? addDays(issuedOn, random.int(1, early.withinDays)) : addDays(issuedOn, random.int((early?.withinDays ?? 0) + 1, paymentDays));
  const pence = payment === 'early' && early ? early.amount : amount;
  await send({ type: 'RecordFpnPayment', data: { breachNumber: breach.breachNumber, amountPence: pence, paidOn } }, paidOn);
  record({ what: 'fpn-paid', on: paidOn, pence, early: payment === 'early' });
  breach.prosecutableFrom = undefined;
  return paidOn;
}

async function prosecute(
  ctx: GeneratorContext,
  send: (command: DomainCommand, on: string) => Promise<unknown>,
  breaches: Breach[],
  startedOn: string,
): Promise<void> {
  const { random, record } = ctx;
  await send({ type: 'StartProsecution', data: { breachNumbers: breaches.map((b) => b.breachNumber), court: 'maidstone-magistrates' } }, startedOn);
  record({ what: 'prosecution-started', on: startedOn });
  const decidedOn = addDays(startedOn, random.int(20, 70));
  const result = random.weighted({ guilty: 0.8, 'not-guilty': 0.1, withdrawn: 0.1 });
  if (result !== 'guilty') {
    await send({ type: 'RecordProsecutionOutcome', data: { result, prosecutionNumber: 1, decidedOn } }, decidedOn);
    record({ what: 'prosecution-concluded', on: decidedOn, result });
    return;
  }
  const charges = breaches.length + random.int(0, 2);
  const finePerChargePence = 500 * random.int(4, 60);
  const costsPence = 100 * random.int(50, 300);
  const victimSurchargePence = 1000 * random.int(2, 8);
  await send(
    { type: 'RecordProsecutionOutcome', data: { result, prosecutionNumber: 1, decidedOn, charges, finePerChargePence, costsPence, victimSurchargePence } },
    addDays(decidedOn, random.int(0, 2)),
  );
  record({ what: 'prosecution-concluded', on: decidedOn, result, charges, finePence: charges * finePerChargePence, costsPence, victimSurchargePence });
}
