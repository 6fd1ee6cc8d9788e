import { authorise, canActOnCase, canSeeCase, ROLE_ACTIONS } from './access-policy';
import { ForbiddenActionError } from './auth.errors';
import { ACTIONS, Action, CaseAccessFacts, Principal, Role, ROLES } from './principal';

const who = (role: Role, agency = 'tmbc', daAccess = false): Principal => ({ userId: `${role}-1`, role, agency, daAccess });
const asbCase = (agencies: string[], restricted = false): CaseAccessFacts => ({ caseType: 'asb', restricted, agencies });
const daCase = (agencies: string[]): CaseAccessFacts => ({ caseType: 'da-referral', restricted: false, agencies });

function thrownBy(attempt: () => void): Error {
  try {
    attempt();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

describe('authorise: the role x action matrix', () => {
  // Written out in full, independently of ROLE_ACTIONS, so a change to either is noticed.
  const allowed: Record<Role, Action[]> = {
    caseworker: ['case.open', 'case.command', 'case.read', 'case.list', 'case.history'],
    manager: ['case.open', 'case.command', 'case.read', 'case.list', 'case.history', 'queue.read', 'stats.read', 'report.read'],
    auditor: ['case.read', 'case.list', 'case.history', 'stats.read', 'audit.access-log', 'audit.pack', 'report.read'],
    admin: [...ACTIONS],
  };
  const cells = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action, allowed[role].includes(action)] as const));

  it.each(cells)('%s may %s: %s', (role, action, expected) => {
    const attempt = () => authorise(who(role), action);
    if (expected) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(ForbiddenActionError);
  });

  it('names the role and action in a 403 with a stable code', () => {
    const error = thrownBy(() => authorise(who('auditor'), 'case.command'));
    expect(error).toMatchObject({ status: 403, code: 'ACTION_FORBIDDEN', role: 'auditor', action: 'case.command' });
    expect(error.message).toBe('The role auditor may not perform case.command.');
  });

  it('cannot be widened at run time', () => {
    expect(() => (ROLE_ACTIONS.auditor as Action[]).push('subject.erase')).toThrow(TypeError);
    expect(() => authorise(who('auditor'), 'subject.erase')).toThrow(ForbiddenActionError);
  });
});

describe('canSeeCase', () => {
  it.each(ROLES)('an unrestricted case is visible to any %s, whatever its agency', (role) => {
    expect(canSeeCase(who(role, 'police'), asbCase(['tmbc']))).toBe(true);
  });

  const restrictedCases: [string, CaseAccessFacts][] = [
    ['a domestic-abuse referral (restricted by type even if not marked)', daCase(['tmbc', 'idva-service'])],
    ['a case marked restricted', asbCase(['tmbc', 'idva-service'], true)],
  ];

  describe.each(restrictedCases)('%s', (_name, facts) => {
    it.each(ROLES)('is visible to a %s holding the DA permission, from any agency', (role) => {
      expect(canSeeCase(who(role, 'county-fire', true), facts)).toBe(true);
    });

    it.each(ROLES)('is visible to a %s of an agency involved, without the DA permission', (role) => {
      expect(canSeeCase(who(role, 'idva-service'), facts)).toBe(true);
    });

    it.each(ROLES)('is hidden from a %s of another agency without the DA permission', (role) => {
      expect(canSeeCase(who(role, 'county-fire'), facts)).toBe(false);
    });
  });
});

describe('canActOnCase', () => {
  const facts = asbCase(['tmbc', 'police']);

  it.each(['caseworker', 'manager'] as const)('a %s acts on a case of its own agency or one shared with it', (role) => {
    expect(canActOnCase(who(role, 'tmbc'), facts)).toBe(true);
    expect(canActOnCase(who(role, 'police'), facts)).toBe(true);
  });

  it.each(['caseworker', 'manager'] as const)('a %s does not act on another agency\'s case it can see', (role) => {
    const outsider = who(role, 'housing-assoc');
    expect(canSeeCase(outsider, facts)).toBe(true);
    expect(canActOnCase(outsider, facts)).toBe(false);
  });

  it('a caseworker with the DA permission sees another agency\'s DA referral but does not act on it', () => {
    const idva = who('caseworker', 'idva-service', true);
    expect(canSeeCase(idva, daCase(['police']))).toBe(true);
    expect(canActOnCase(idva, daCase(['police']))).toBe(false);
    expect(canActOnCase(idva, daCase(['police', 'idva-service']))).toBe(true);
  });

  it('an auditor never acts, even on a case of its own agency', () => {
    expect(canActOnCase(who('auditor', 'tmbc', true), facts)).toBe(false);
  });

  it('an admin acts on any case it can see, and on none it cannot', () => {
    expect(canActOnCase(who('admin', 'county-fire'), facts)).toBe(true);
    expect(canActOnCase(who('admin', 'county-fire', true), daCase(['police']))).toBe(true);
    expect(canActOnCase(who('admin', 'county-fire'), daCase(['police']))).toBe(false);
  });

  it('nobody acts on a restricted case they cannot see', () => {
    expect(canActOnCase(who('caseworker', 'county-fire'), asbCase(['tmbc'], true))).toBe(false);
  });
});
