import { LocalExtraApplied, NonQualifyingReason } from './community-trigger.events';
import { LocalExtrasPolicy } from './community-trigger.policy';
import { Complaint } from './community-trigger.schemas';
import { QualifyingWindows, nonQualifyingReasons, withinMonthsOfComplaint } from './qualifying-complaint.rule';

export interface ThresholdRuleInput extends QualifyingWindows {
  complaints: readonly Complaint[];
  receivedOn: string;
  thresholdUsed: number;
  localExtras: LocalExtrasPolicy;
}

export interface ThresholdByRule {
  qualifyingComplaintIds: string[];
  nonQualifying: { complaintId: string; reasons: NonQualifyingReason[] }[];
  localExtrasApplied: LocalExtraApplied[];
  /** What meets the threshold without the bodies' discretion; null when nothing does. */
  metBy: 'count' | 'local-extra' | null;
}

/**
 * The threshold as the rules decide it: s104(4) obliges the bodies to treat it as met at the
 * count; the local extras are the procedure's own rules under s104(5). Every extra that applies is
 * reported even when the count already decides, so the record shows all the grounds.
 */
export function applyThresholdRules(input: ThresholdRuleInput): ThresholdByRule {
  const qualifyingComplaintIds: string[] = [];
  const nonQualifying: ThresholdByRule['nonQualifying'] = [];
  for (const complaint of input.complaints) {
    const reasons = nonQualifyingReasons(complaint, input.receivedOn, input);
    if (reasons.length === 0) qualifyingComplaintIds.push(complaint.complaintId);
    else nonQualifying.push({ complaintId: complaint.complaintId, reasons });
  }
  const localExtrasApplied = [...distinctIndividualsExtras(input), ...hateIncidentExtras(input)];
  const metBy =
    qualifyingComplaintIds.length >= input.thresholdUsed ? 'count' : localExtrasApplied.length > 0 ? 'local-extra' : null;
  return { qualifyingComplaintIds, nonQualifying, localExtrasApplied, metBy };
}

/**
 * "Five or more people complaining of similar behaviour within six months": similar means the
 * same category; a complaint with no complainant id cannot show a distinct person, so it is not
 * counted. The one-month rule is the statute's test for the count, not for this extra.
 */
function distinctIndividualsExtras(input: ThresholdRuleInput): LocalExtraApplied[] {
  const extra = input.localExtras.distinctIndividuals;
  if (!extra.enabled) return [];
  const complainantsByCategory = new Map<string, Set<string>>();
  for (const complaint of input.complaints) {
    if (complaint.complainantId === undefined) continue;
    if (!withinMonthsOfComplaint(complaint, input.receivedOn, extra.withinMonths)) continue;
    const complainants = complainantsByCategory.get(complaint.category) ?? new Set<string>();
    complainants.add(complaint.complainantId);
    complainantsByCategory.set(complaint.category, complainants);
  }
  return [...complainantsByCategory.entries()]
    .filter(([, complainants]) => complainants.size >= extra.count)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, complainants]) => ({
      extra: 'distinct-individuals',
      category,
      individuals: complainants.size,
      countUsed: extra.count,
      withinMonths: extra.withinMonths,
    }));
}

/** Hate incidents count when the application is within the statutory window of their report. */
function hateIncidentExtras(input: ThresholdRuleInput): LocalExtraApplied[] {
  const extra = input.localExtras.hateIncident;
  if (!extra.enabled) return [];
  const complaintIds = input.complaints
    .filter((c) => c.hateIncident === true)
    .filter((c) => withinMonthsOfComplaint(c, input.receivedOn, input.applicationWindowMonths))
    .map((c) => c.complaintId);
  return complaintIds.length >= extra.count ? [{ extra: 'hate-incident', complaintIds, countUsed: extra.count }] : [];
}
