import { AppliedPolicy, PolicyLookup, PolicyNotInForceError, assertDate, endOfLondonDay } from '@casetrail/workflow';
import { CommunityTriggerPolicy, CommunityTriggerPolicyKey, policyAt } from './community-trigger.policy';
import { ComplaintDates, madeWithinComplaintWindow, withinMonthsOfComplaint } from './qualifying-complaint.rule';

/**
 * Victims' Commissioner (2024): a victim should be told about the ASB Case Review at their
 * second qualifying complaint within six months. True on the London date `on` when the
 * complaints reported up to that date reach the prompt count; the projection that uses it
 * remembers whether the victim has already been told.
 */
export function shouldPromptCaseReview(complaints: readonly ComplaintDates[], on: string, policy: PolicyLookup): boolean {
  assertDate(on);
  const at = endOfLondonDay(on);
  const promptAt = adoptedOn(policy, 'promptAtComplaints', at);
  const windowMonths = adoptedOn(policy, 'promptWindowMonths', at);
  // Before the partnership adopted the prompt there is nothing to prompt.
  if (promptAt === undefined || windowMonths === undefined) return false;
  const complaintWindowMonths = policyAt(policy, 'complaintWindowMonths', at).value;
  const qualifying = complaints.filter(
    (c) => madeWithinComplaintWindow(c, complaintWindowMonths) && withinMonthsOfComplaint(c, on, windowMonths.value),
  );
  return qualifying.length >= promptAt.value;
}

function adoptedOn<K extends CommunityTriggerPolicyKey>(
  policy: PolicyLookup,
  key: K,
  at: string,
): AppliedPolicy<CommunityTriggerPolicy[K]> | undefined {
  try {
    return policyAt(policy, key, at);
  } catch (error) {
    if (error instanceof PolicyNotInForceError) return undefined;
    throw error;
  }
}
