export { communityTriggerCaseType, summariseCommunityTrigger } from './community-trigger.definition';
export { communityTriggerDecider } from './community-trigger.decider';
export { shouldPromptCaseReview } from './case-review-prompt.rule';
export type { ComplaintDates } from './qualifying-complaint.rule';
export {
  communityTriggerPolicy,
  CommunityTriggerPolicySchema,
  COMMUNITY_TRIGGER_POLICY_SECTION,
  type CommunityTriggerPolicy,
} from './community-trigger.policy';
export { COMMUNITY_TRIGGER_DEADLINES } from './community-trigger.deadlines';
export * from './community-trigger.commands';
export * from './community-trigger.events';
export type { CommunityTriggerState, CommunityTriggerStage } from './community-trigger.state';
export { COMMUNITY_TRIGGER_STAGES } from './community-trigger.state';
