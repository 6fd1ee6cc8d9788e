/** Who is calling, as the bearer token says. */
export type Role = 'caseworker' | 'manager' | 'auditor' | 'admin';

export interface Principal {
  userId: string;
  role: Role;
  agency: string;
  /** Holds the permission to see domestic-abuse cases (need-to-know). */
  daAccess: boolean;
}

/** What a caller may ask to do; docs/security.md holds the role x action matrix. */
export type Action =
  | 'case.open'
  | 'case.command'
  | 'case.read'
  | 'case.list'
  | 'case.history'
  | 'audit.access-log'
  | 'admin.jobs'
  | 'subject.erase';

/** The access-relevant facts of one case (from its summary). */
export interface CaseAccessFacts {
  caseType: string;
  restricted: boolean;
  /** Agencies involved: the case is shared with each. */
  agencies: string[];
}
