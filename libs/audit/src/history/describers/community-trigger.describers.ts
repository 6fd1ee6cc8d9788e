import { COMMUNITY_TRIGGER_EVENT_SCHEMAS } from '@casetrail/cases';
import { count, dateText, list, words } from '../wording';
import { DEADLINE_DESCRIBERS } from './deadline.describers';
import { DescribersOf } from './describer';

/** Community Trigger / ASB Case Review applications (libs/cases/src/community-trigger/community-trigger.events.ts). */
export const COMMUNITY_TRIGGER_DESCRIBERS: DescribersOf<typeof COMMUNITY_TRIGGER_EVENT_SCHEMAS> = {
  ApplicationReceived: (d, who) =>
    `Community Trigger application received on ${dateText(d.receivedOn)} from ${d.applicant.relationship === 'victim' ? 'the victim' : `a ${words(d.applicant.relationship)} on the victim's behalf`}` +
    ` (a ${words(d.victim.kind)}), citing ${count(d.complaints.length, 'complaint')}; recorded by ${who}`,
  ApplicationAcknowledged: (d, who) => `Application acknowledged by ${words(d.method)} on ${dateText(d.acknowledgedAt)} (${who})`,
  ThresholdAssessed: (d) =>
    `Threshold ${d.met ? 'met' : 'not met'} (${words(d.basis)}): ${count(d.qualifyingComplaintIds.length, 'qualifying complaint')} against a threshold of ${d.thresholdUsed}, ` +
    `decided by ${d.decidedBy.id} (${d.decidedBy.agency}) on ${dateText(d.decidedOn)}` +
    (d.reviewPanelBy ? ` — review panel by ${dateText(d.reviewPanelBy)}` : ''),
  ReviewPanelScheduled: (d, who) =>
    `Review panel ${d.previousPanelDate ? `moved from ${dateText(d.previousPanelDate)} to` : 'set for'} ${dateText(d.panelDate)} by ${who} (due by ${dateText(d.reviewPanelBy)})`,
  PanelOutcomeRecorded: (d, who) =>
    `Review panel of ${dateText(d.panelDate)} made ${count(d.recommendations.length, 'recommendation')}` +
    (d.recommendations.length > 0 ? ` (to ${list([...new Set(d.recommendations.map((r) => r.agency))])})` : '') +
    `, recorded by ${who}`,
  ApplicantInformed: (d, who) =>
    `Applicant told the outcome (${words(d.outcome)}) by ${words(d.method)} on ${dateText(d.informedOn)} by ${who} — PCC appeal possible until ${dateText(d.pccAppealBy)}`,
  PccAppealLodged: (d, who) => `Appeal to the Police and Crime Commissioner lodged on ${dateText(d.lodgedOn)}, recorded by ${who}`,
  PccAppealOutcomeRecorded: (d, who) => `Police and Crime Commissioner's appeal ${words(d.outcome)}, recorded by ${who}`,
  ApplicationClosed: (d, who) => `Application closed by ${who}: ${words(d.outcome)}`,
  ...DEADLINE_DESCRIBERS,
};
