/** The four roles, in the order docs/security.md lists them. */
export const ROLES = ['caseworker', 'manager', 'auditor', 'admin'] as const;

/** Who is calling, as the bearer token says. */
export type Role = (typeof ROLES)[number];

export interface Principal {
  userId: string;
  role: Role;
  agency: string;
  /** Holds the permission to see domestic-abuse cases (need-to-know). */
  daAccess: boolean;
}

/** Every action a caller may ask for, in the order docs/security.md lists them. */
export const ACTIONS = [
  'case.open',
  'case.command',
  'case.read',
  'case.list',
  'case.history',
  'queue.read',
  'stats.read',
  'audit.access-log',
  'audit.pack',
  'report.read',
  'admin.jobs',
  'subject.erase',
] as const;

/** What a caller may ask to do; docs/security.md holds the role x action matrix. */
export type Action = (typeof ACTIONS)[number];

/** The access-relevant facts of one case (from its summary). */
export interface CaseAccessFacts {
  caseType: string;
  restricted: boolean;
  /** Agencies involved: the case is shared with each. */
  agencies: string[];
}
