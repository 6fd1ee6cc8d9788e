import { Deadlines } from '@casetrail/workflow';
import { ThresholdBasis } from './community-trigger.events';
import { ApplicationOutcome, Complaint, PccAppealOutcome } from './community-trigger.schemas';

/**
 * Where an application stands. The state keeps what later decisions need and no personal data:
 * names, contacts and narratives stay in the events, where crypto-shredding can reach them.
 */
export const COMMUNITY_TRIGGER_STAGES = [
  'not-received',
  'awaiting-threshold-decision',
  'threshold-not-met',
  'awaiting-review-panel',
  'review-panel-scheduled',
  'review-completed',
  'applicant-informed',
  'pcc-appeal-lodged',
  'pcc-appeal-decided',
  'closed',
] as const;
export type CommunityTriggerStage = (typeof COMMUNITY_TRIGGER_STAGES)[number];

export interface ApplicationOnFile {
  receivedAt: string;
  receivedOn: string;
  complaints: Complaint[];
  acknowledgedAt: string | null;
}

export interface ThresholdDecision {
  met: boolean;
  basis: ThresholdBasis;
  decidedOn: string;
  thresholdUsed: number;
  qualifyingComplaints: number;
}

export interface PanelReview {
  panelDate: string;
  recommendationCount: number;
}

interface WithDeadlines {
  deadlines: Deadlines;
}
interface Received extends WithDeadlines {
  application: ApplicationOnFile;
}
interface Assessed extends Received {
  threshold: ThresholdDecision;
}
interface Informed extends Assessed {
  outcome: ApplicationOutcome;
  review: PanelReview | null;
  informedOn: string;
  pccAppealBy: string;
}

export interface NotReceived extends WithDeadlines {
  stage: 'not-received';
}
export interface AwaitingThresholdDecision extends Received {
  stage: 'awaiting-threshold-decision';
}
export interface ThresholdNotMet extends Assessed {
  stage: 'threshold-not-met';
}
export interface AwaitingReviewPanel extends Assessed {
  stage: 'awaiting-review-panel';
  reviewPanelBy: string;
}
export interface ReviewPanelScheduled extends Assessed {
  stage: 'review-panel-scheduled';
  reviewPanelBy: string;
  panelDate: string;
}
export interface ReviewCompleted extends Assessed {
  stage: 'review-completed';
  review: PanelReview;
}
export interface ApplicantInformed extends Informed {
  stage: 'applicant-informed';
}
export interface PccAppealLodged extends Informed {
  stage: 'pcc-appeal-lodged';
  appealLodgedOn: string;
}
export interface PccAppealDecided extends Informed {
  stage: 'pcc-appeal-decided';
  appealLodgedOn: string;
  appealOutcome: PccAppealOutcome;
}
export interface Closed extends Assessed {
  stage: 'closed';
  outcome: ApplicationOutcome;
  review: PanelReview | null;
  appealOutcome: PccAppealOutcome | null;
  closedAt: string;
}

export type CommunityTriggerState =
  | NotReceived
  | AwaitingThresholdDecision
  | ThresholdNotMet
  | AwaitingReviewPanel
  | ReviewPanelScheduled
  | ReviewCompleted
  | ApplicantInformed
  | PccAppealLodged
  | PccAppealDecided
  | Closed;

export type StateIn<S extends CommunityTriggerStage> = Extract<CommunityTriggerState, { stage: S }>;

export function initialCommunityTriggerState(): CommunityTriggerState {
  return { stage: 'not-received', deadlines: {} };
}
