import { ForbiddenActionError } from './auth.errors';
import { ACTIONS, Action, CaseAccessFacts, Principal, Role } from './principal';

/** Domestic-abuse referrals are restricted whatever their summary says (DOMAIN.md). */
export const DA_REFERRAL_CASE_TYPE = 'da-referral';

/** Frozen so no caller can widen a role's rights at run time by pushing to an array. */
const actions = (...list: Action[]): readonly Action[] => Object.freeze(list);

const CASEWORK = actions('case.open', 'case.command', 'case.read', 'case.list', 'case.history');

/**
 * The role x action matrix, the single source of truth. docs/security.md shows it as a table and
 * a test fails when the two differ.
 */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = Object.freeze({
  caseworker: CASEWORK,
  // Managers work the same cases, and watch the escalation queue, caseloads and counts.
  manager: actions(...CASEWORK, 'queue.read', 'stats.read', 'report.read'),
  // Auditors check published figures against the counts; queues and caseloads are for running the work.
  auditor: actions('case.read', 'case.list', 'case.history', 'stats.read', 'audit.access-log', 'audit.pack', 'report.read'),
  admin: actions(...ACTIONS),
});

export function isAllowed(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

/** Throws ForbiddenActionError (403) unless the principal's role allows the action. */
export function authorise(principal: Principal, action: Action): void {
  if (!isAllowed(principal.role, action)) throw new ForbiddenActionError(principal.role, action);
}

export function isRestrictedCase(facts: CaseAccessFacts): boolean {
  return facts.restricted || facts.caseType === DA_REFERRAL_CASE_TYPE;
}

function agencyInvolved(principal: Principal, facts: CaseAccessFacts): boolean {
  return facts.agencies.includes(principal.agency);
}

/**
 * Need-to-know: a restricted case is visible only with the DA permission or to an agency involved.
 * Admins and auditors get no exception: an audit of a DA case is done by someone granted the
 * permission for it. Controllers answer 404 when this is false, so a case's existence does not leak.
 */
export function canSeeCase(principal: Principal, facts: CaseAccessFacts): boolean {
  if (!isRestrictedCase(facts)) return true;
  return principal.daAccess || agencyInvolved(principal, facts);
}

/**
 * Whether the principal may change the case (controllers answer 403 when it is visible but this
 * is false). It does not check the role x action matrix: call `authorise` for the action as well.
 */
export function canActOnCase(principal: Principal, facts: CaseAccessFacts): boolean {
  if (!canSeeCase(principal, facts)) return false;
  switch (principal.role) {
    case 'caseworker':
    case 'manager':
      return agencyInvolved(principal, facts);
    case 'admin':
      return true;
    case 'auditor':
      return false;
    default: {
      const unknownRole: never = principal.role;
      throw new Error(`unknown role ${String(unknownRole)}`);
    }
  }
}
