import { Deadlines } from '@casetrail/workflow';
import { Caseworker, Location, Perpetrator, RepeatMatch, Victim } from './asb-parts.schema';
import { IncidentLoggedData } from './asb.events';
import { AsbCategory, CaseOutcome, EscalationRoute, RiskLevel, VictimSatisfaction } from './asb.vocabulary';

export type Incident = IncidentLoggedData;

export interface Escalation {
  route: EscalationRoute;
  escalationCaseId: string;
  escalatedAt: string;
}

/** How many of each action the case has taken: the partnership's yearly figures count them. */
export interface ActionCounts {
  warningLetters: number;
  abcsAgreed: number;
  abcsRefused: number;
  mediationReferrals: number;
  diversionaryReferrals: number;
  multiAgencyMeetings: number;
}

/** What every reported case knows, whatever its stage. */
export interface AsbCaseFile {
  openedAt: string;
  category: AsbCategory;
  reportingAgency: string;
  victims: Victim[];
  location: Location;
  perpetrators: Readonly<Record<string, Perpetrator>>;
  incidents: Readonly<Record<string, Incident>>;
  repeatOf: RepeatMatch[];
  assignee?: Caseworker;
  /** Every agency that reported, was assigned, received a referral or sat at a meeting. */
  agencies: string[];
  restricted: boolean;
  deadlines: Deadlines;
  progressReviews: number;
  escalations: Escalation[];
  caseReviewPromptRaisedAt?: string;
  actions: ActionCounts;
  reopenings: number;
}

/** From triage on, a case always has a risk level. */
export interface AssessedCaseFile extends AsbCaseFile {
  risk: { level: RiskLevel; assessedAt: string };
}

export type AsbState =
  | { stage: 'not-reported'; deadlines: Deadlines }
  | (AsbCaseFile & { stage: 'reported' })
  | (AssessedCaseFile & { stage: 'triaged' })
  | (AssessedCaseFile & { stage: 'investigating' })
  | (AssessedCaseFile & { stage: 'escalated' })
  | (AssessedCaseFile & { stage: 'resolved'; resolvedAt: string })
  | (AssessedCaseFile & {
      stage: 'closed';
      resolvedAt: string;
      closedAt: string;
      outcome: CaseOutcome;
      victimSatisfaction: VictimSatisfaction;
    });

export type AsbStage = AsbState['stage'];
export type ReportedAsbState = Exclude<AsbState, { stage: 'not-reported' }>;

export const ASB_STAGES: readonly AsbStage[] = ['not-reported', 'reported', 'triaged', 'investigating', 'escalated', 'resolved', 'closed'];

export function initialAsbState(): AsbState {
  return { stage: 'not-reported', deadlines: {} };
}
