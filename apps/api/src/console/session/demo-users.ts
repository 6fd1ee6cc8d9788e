import type { Principal } from '../../auth/principal';

/** The people a demo sign-in offers: one per journey in issue 8, all in the same borough council. */
export const DEMO_USERS = {
  caseworker: { userId: 'casey.caseworker', role: 'caseworker', agency: 'tmbc', daAccess: false },
  manager: { userId: 'morgan.manager', role: 'manager', agency: 'tmbc', daAccess: false },
  auditor: { userId: 'avery.auditor', role: 'auditor', agency: 'tmbc', daAccess: true },
  'da-caseworker': { userId: 'dana.idva', role: 'caseworker', agency: 'tmbc-da-service', daAccess: true },
} as const satisfies Record<string, Principal>;

export type DemoUserKey = keyof typeof DEMO_USERS;

export const DEMO_USER_DESCRIPTIONS: Record<DemoUserKey, string> = {
  caseworker: 'Council ASB officer: opens and works ASB, Community Trigger and CPW/CPN cases. No domestic-abuse access.',
  manager: 'ASB team manager: escalation queue, dashboard and partnership report.',
  auditor: 'Internal audit, granted the DA permission for audits: reads cases, their history, the access log and audit packs; changes nothing.',
  'da-caseworker': 'Domestic-abuse caseworker (IDVA) with the DA permission: domestic-abuse referrals and the DASH checklist.',
};

export function isDemoUserKey(value: unknown): value is DemoUserKey {
  return typeof value === 'string' && Object.hasOwn(DEMO_USERS, value);
}
