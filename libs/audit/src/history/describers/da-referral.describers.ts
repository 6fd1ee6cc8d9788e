import { DA_REFERRAL_EVENT_SCHEMAS } from '@casetrail/cases';
import { count, dateText, list, words } from '../wording';
import { DEADLINE_DESCRIBERS } from './deadline.describers';
import { DescribersOf } from './describer';

/** Domestic-abuse referrals (libs/cases/src/da-referral/da-referral.events.ts). */
export const DA_REFERRAL_DESCRIBERS: DescribersOf<typeof DA_REFERRAL_EVENT_SCHEMAS> = {
  ReferralReceived: (d, who) =>
    `Domestic-abuse referral received from ${words(d.source)} (${d.referringAgency}), ${count(d.incidentsInLast12Months, 'incident')} in the last 12 months; recorded by ${who}`,
  RiskAssessed: (d, who) =>
    `Risk assessed with ${d.tool.name} ${d.tool.version} by ${who}: ${d.score} of ${d.questionCount}, ${d.scoreLevel} risk` +
    (d.judgement.raised ? `, raised to ${d.finalLevel} by professional judgement` : ''),
  ReferredToMarac: (d, who) =>
    `Referred to the MARAC of ${dateText(d.meetingDate)} by ${who} (${list(d.reasons.map(words))}${d.repeat ? ', a repeat case' : ''})`,
  ReferredToSupportService: (d, who) =>
    `Referred to the ${words(d.service)} support service (${d.riskLevel} risk${d.alongsideMarac ? ', alongside MARAC' : ''}) by ${who}`,
  IdvaAllocated: (d, who) => `IDVA ${d.idvaId} (${d.service}) allocated by ${who}`,
  ContactAttemptRecorded: (d, who) => `Contact attempt ${d.attemptNumber} by ${words(d.method)}: ${words(d.outcome)} (${who})`,
  ReferralClosed: (d, who) => `Referral closed by ${who}: ${words(d.outcome)}`,
  RestrictedToNameAndAgencies: (_d, who) => `Record restricted to the victim's name and the agencies involved by ${who}`,
  ...DEADLINE_DESCRIBERS,
};
