import { Deadlines } from '@casetrail/workflow';
import {
  ClosureOutcome,
  ContactOutcome,
  Idva,
  MaracReason,
  ReferralSource,
  RiskLevel,
  SupportService,
  VictimGender,
} from './da-referral.vocabulary';

/**
 * What the decider needs to know about a referral. Names, addresses and narratives stay in the
 * events only: the state, and so every summary built from it, carries no personal data.
 */
export interface ReferralFacts {
  source: ReferralSource;
  referringAgency: string;
  victimGender: VictimGender;
  incidentsInLast12Months: number;
  lastMaracReferralDate: string | null;
  receivedAt: string;
}

export interface RiskOutcome {
  score: number;
  scoreLevel: RiskLevel;
  finalLevel: RiskLevel;
}

export interface MaracRoute {
  kind: 'marac';
  meetingDate: string;
  reasons: MaracReason[];
  repeat: boolean;
  idva: Idva | null;
  supportService: SupportService | null;
}

export interface SupportRoute {
  kind: 'support-service';
  service: SupportService;
}

export type Route = MaracRoute | SupportRoute;

export interface ContactAttempt {
  attemptedAt: string;
  outcome: ContactOutcome;
}

interface OpenCase {
  deadlines: Deadlines;
  referral: ReferralFacts;
  /** Locked down to name plus the agencies involved; the API honours it on every read. */
  lockedToNameAndAgencies: boolean;
}

export type DaReferralState =
  | { stage: 'new'; deadlines: Deadlines }
  | (OpenCase & { stage: 'received' })
  | (OpenCase & { stage: 'assessed'; risk: RiskOutcome })
  | (OpenCase & { stage: 'marac-referred'; risk: RiskOutcome; route: MaracRoute })
  | (OpenCase & {
      stage: 'contact';
      risk: RiskOutcome;
      route: (MaracRoute & { idva: Idva }) | SupportRoute;
      attempts: ContactAttempt[];
    })
  | (OpenCase & {
      stage: 'closed';
      risk: RiskOutcome | null;
      route: Route | null;
      outcome: ClosureOutcome;
      closedAt: string;
    });

export type DaReferralStage = DaReferralState['stage'];
export type StateIn<Stage extends DaReferralStage> = Extract<DaReferralState, { stage: Stage }>;

export const DA_REFERRAL_STAGES: readonly DaReferralStage[] = [
  'new',
  'received',
  'assessed',
  'marac-referred',
  'contact',
  'closed',
];

export function initialState(): DaReferralState {
  return { stage: 'new', deadlines: {} };
}

/** The risk assessment, once there is one; a referral can be closed before it is assessed. */
export function riskOf(state: DaReferralState): RiskOutcome | null {
  switch (state.stage) {
    case 'new':
    case 'received':
      return null;
    case 'assessed':
    case 'marac-referred':
    case 'contact':
    case 'closed':
      return state.risk;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

export function routeOf(state: DaReferralState): Route | null {
  switch (state.stage) {
    case 'new':
    case 'received':
    case 'assessed':
      return null;
    case 'marac-referred':
    case 'contact':
    case 'closed':
      return state.route;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/** Attempts are only made once the referral is routed; earlier stages have none. */
export function attemptsOf(state: DaReferralState): ContactAttempt[] {
  return state.stage === 'contact' ? state.attempts : [];
}
