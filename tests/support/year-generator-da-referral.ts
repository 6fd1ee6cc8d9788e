import { addDays, DomainCommand } from '@casetrail/workflow';
import { atLondon } from './year-generator-casework';
import { DA_TRIAGE, GeneratorContext } from './year-generator-ledger';

const REFERRING_AGENCY = {
  police: 'kent-police',
  health: 'nhs-trust',
  housing: 'town-housing',
  self: 'one-stop-shop',
  'childrens-services': 'kcc-childrens',
  other: 'helpline',
} as const;

/**
 * One domestic-abuse referral received on `receivedOn`: the Dash assessment, then MARAC (high
 * risk, potential escalation or a repeat) with an IDVA, or the commissioned support service.
 * Police referrals often arrive just after midnight, which in summer is the previous UTC day.
 */
export async function runDaReferral(ctx: GeneratorContext, receivedOn: string): Promise<void> {
  const { casework, random, record } = ctx;
  const caseId = `da-referral-${random.uuid()}`;
  const send = (command: DomainCommand, at: string) => casework.send(caseId, command, at, DA_TRIAGE);

  const source = random.weighted({ police: 60, health: 12, housing: 8, self: 12, 'childrens-services': 5, other: 3 });
  const receivedAt = source === 'police' && random.chance(0.2) ? atLondon(receivedOn, 0, random.int(5, 55)) : atLondon(receivedOn, random.int(8, 12), random.int(0, 59));
  const gender = random.weighted({ female: 965, male: 30, 'non-binary': 3, 'not-known': 2 });
  const incidents = Number(random.weighted({ '0': 35, '1': 30, '2': 20, '3': 8, '4': 5, '5': 2 }));
  // A repeat: the same victim and perpetrator were referred to MARAC well within the last 12 months.
  const history = random.weighted({ none: 91, repeat: 6, 'long-ago': 3 });
  const lastMaracReferralDate = history === 'repeat' ? addDays(receivedOn, -random.int(20, 330)) : history === 'long-ago' ? addDays(receivedOn, -random.int(400, 700)) : undefined;
  await send(
    {
      type: 'ReceiveReferral',
      data: {
        source,
        referringAgency: REFERRING_AGENCY[source],
        victim: { name: 'Alex Example', dateOfBirth: addDays(receivedOn, -random.int(18 * 365, 70 * 365)), address: '1 Example Road, Tonbridge', gender },
        perpetrator: { name: 'Sam Example', relationshipToVictim: random.pick(['current-partner', 'former-partner', 'other-family-member']) },
        childrenInHousehold: random.int(0, 3),
        incidentsInLast12Months: incidents,
        ...(lastMaracReferralDate ? { lastMaracReferralDate } : {}),
      },
    },
    receivedAt,
  );
  if (!random.chance(0.97)) {
    record({ what: 'da-referral', on: receivedOn, receivedAt, gender, risk: 'not-assessed' });
    return;
  }

  const assessedOn = addDays(receivedOn, random.int(0, 2));
  const cutOffs = casework.policyValue<{ high: number; medium: number }>('da-referral', 'dashCutOffs', assessedOn);
  const scored = random.weighted({ standard: 60, medium: 30, high: 10 });
  const yes = scored === 'high' ? random.int(cutOffs.high, 24) : scored === 'medium' ? random.int(cutOffs.medium, cutOffs.high - 1) : random.int(0, cutOffs.medium - 1);
  const raised = scored === 'medium' && random.chance(0.03);
  await send(
    {
      type: 'AssessRisk',
      data: {
        tool: { name: 'safelives-dash', version: '2009' },
        answers: Array.from({ length: 24 }, (_, i) => (i < yes ? 'yes' : i % 2 === 0 ? 'no' : 'dont-know')),
        ...(raised ? { professionalJudgement: { level: 'high', reasons: 'Recent strangulation disclosed' } } : {}),
      },
    },
    atLondon(assessedOn, 13, random.int(0, 59)),
  );
  const risk = raised ? 'high' : scored;
  record({ what: 'da-referral', on: receivedOn, receivedAt, gender, risk });

  const routedAt = atLondon(assessedOn, 15, random.int(0, 59));
  const escalation = incidents >= casework.policyValue<number>('da-referral', 'escalationIncidents', assessedOn);
  if (risk !== 'high' && !escalation && history !== 'repeat') {
    await send({ type: 'RouteReferral', data: { route: 'support-service', service: random.weighted({ outreach: 5, 'one-stop-shop': 3, 'freedom-programme': 2 }) } }, routedAt);
    return;
  }
  const idvaNamed = random.chance(0.6);
  await send(
    {
      type: 'RouteReferral',
      data: {
        route: 'marac',
        meetingDate: addDays(assessedOn, random.int(1, 14)),
        ...(idvaNamed ? { idva: { idvaId: 'idva-2', service: 'lookahead-idva' } } : {}),
        ...(random.chance(0.3) ? { supportService: 'outreach' } : {}),
      },
    },
    routedAt,
  );
  record({ what: 'marac-referral', on: assessedOn, repeat: history === 'repeat' });
  if (idvaNamed) {
    record({ what: 'idva-allocated', on: assessedOn });
  } else if (random.chance(0.85)) {
    const allocatedOn = addDays(assessedOn, random.int(1, 3));
    await send({ type: 'AllocateIdva', data: { idvaId: 'idva-3', service: 'lookahead-idva' } }, atLondon(allocatedOn, 10, random.int(0, 59)));
    record({ what: 'idva-allocated', on: allocatedOn });
  }
}
