export { daReferralCaseType } from './da-referral.definition';
export { daReferralDecider } from './da-referral.decider';
export { daReferralPolicy, type DaReferralPolicy } from './da-referral.policy';
export { DA_REFERRAL_COMMAND_SCHEMAS, type DaReferralCommand } from './da-referral.commands';
export { DA_REFERRAL_EVENT_SCHEMAS, type DaReferralEvent } from './da-referral.events';
export { type DaReferralState, type DaReferralStage } from './da-referral.state';
export { FIRST_CONTACT, MARAC_REFERRAL } from './da-referral.deadlines';
