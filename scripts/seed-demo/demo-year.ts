import type { Principal } from '../../apps/api/src/auth/principal';
import { DEMO_USERS } from '../../apps/api/src/console/session/demo-users';
import { asbScript, communityTriggerScript, cpwCpnScript, daReferralScript, ScriptedCommand } from '../scale/casework-scripts';

/**
 * One borough's year, from the annual plan in DOMAIN.md (about 130,000 people): 84 ASB cases,
 * 8 Community Protection Warnings of which 4 went on to a Notice, 2 Community Trigger
 * applications (neither met the threshold) and 276 domestic-abuse referrals (28 high risk,
 * 8 male victims). `--cases N` scales those figures to about N cases, keeping at least one of each.
 */
export const BOROUGH_YEAR = { asb: 84, 'cpw-cpn': 8, 'community-trigger': 2, 'da-referral': 276 } as const;
export type DemoCaseType = keyof typeof BOROUGH_YEAR;
export const BOROUGH_YEAR_CASES = Object.values(BOROUGH_YEAR).reduce((a, b) => a + b, 0);

/** A case to seed: who works it, when it opened, and the commands sent to it, each with its time. */
export interface PlannedCase {
  caseType: DemoCaseType;
  actor: Principal;
  steps: { at: string; type: string; data: Record<string, unknown> }[];
}

const DAY = 86_400_000;
const DA_SERVICE = DEMO_USERS['da-caseworker'].agency;
const asbOfficers: Principal[] = [DEMO_USERS.caseworker, { userId: 'jordan.khan', role: 'caseworker', agency: 'tmbc', daAccess: false }];
const idvas: Principal[] = [DEMO_USERS['da-caseworker'], { userId: 'rowan.idva', role: 'caseworker', agency: 'tmbc-da-service', daAccess: true }];

export function scaledCounts(cases: number | undefined): Record<DemoCaseType, number> {
  const factor = cases === undefined ? 1 : cases / BOROUGH_YEAR_CASES;
  const entries = Object.entries(BOROUGH_YEAR).map(([type, n]) => [type, Math.max(1, Math.round(n * factor))]);
  return Object.fromEntries(entries) as Record<DemoCaseType, number>;
}

/**
 * The year up to `now`: each type's cases opened at even intervals through the 364 days before,
 * at office hours. Steps later than `now` are left out (recent cases are still open), and every
 * fifth ASB case and every seventh DA referral stalls after it opens, so their first deadline is
 * missed and the escalation queue has work in it once the scheduler runs.
 */
export function planDemoYear(now: Date, cases?: number): PlannedCase[] {
  const counts = scaledCounts(cases);
  // From midnight 364 days ago; the last case opens yesterday at the latest.
  const start = Math.floor(now.getTime() / DAY) * DAY - 364 * DAY;
  const planned: PlannedCase[] = [];
  const spread = (n: number, i: number) => {
    const day = Math.floor(((i + 0.5) * 364) / n);
    return new Date(start + day * DAY + (9 + (i % 7)) * 3_600_000 + (i % 4) * 15 * 60_000);
  };
  const plan = (caseType: DemoCaseType, i: number, actor: Principal, script: ScriptedCommand[], stall: boolean) => {
    const opened = spread(counts[caseType], i).getTime();
    const steps = (stall ? script.slice(0, 1) : script)
      .map((step) => ({ at: new Date(opened + step.day * DAY).toISOString(), type: step.type, data: step.data }))
      .filter((step) => Date.parse(step.at) < now.getTime());
    if (steps.length > 0) planned.push({ caseType, actor, steps });
  };
  const iso = (caseType: DemoCaseType, i: number) => spread(counts[caseType], i).toISOString();

  for (let i = 0; i < counts.asb; i += 1) {
    const script = asbScript(iso('asb', i), 1 + (i % 5), i).filter((s) => s.type !== 'AssignCase');
    plan('asb', i, asbOfficers[i % asbOfficers.length]!, script, i % 5 === 2);
  }
  for (let i = 0; i < counts['cpw-cpn']; i += 1) {
    // Half the warnings work: the conduct stops and no Notice follows.
    const script = cpwCpnScript(iso('cpw-cpn', i), i);
    const complied = i % 2 === 1;
    const steps = complied
      ? [...script.slice(0, 2), { day: 16, type: 'RecordConductAfterWarning', data: { conductContinued: false, note: 'No waste seen since the warning.' } }, { day: 40, type: 'CloseEscalation', data: { outcome: 'conduct-stopped' } }]
      : script;
    plan('cpw-cpn', i, DEMO_USERS.caseworker, steps, false);
  }
  for (let i = 0; i < counts['community-trigger']; i += 1) {
    plan('community-trigger', i, DEMO_USERS.caseworker, communityTriggerNotMet(iso('community-trigger', i), i), false);
  }
  for (let i = 0; i < counts['da-referral']; i += 1) {
    plan('da-referral', i, idvas[i % idvas.length]!, daReferral(iso('da-referral', i), i), i % 7 === 3);
  }
  return planned;
}

/** A referral: 1 in 10 high risk (MARAC and an IDVA), the others standard or medium (the support service); 8 in 276 male victims. */
function daReferral(opened: string, i: number): ScriptedCommand[] {
  const script = daReferralScript(opened, i);
  const high = i % 10 === 4;
  const yes = high ? 14 + (i % 6) : i % 14;
  const [receive, , route, ...rest] = script;
  const victim = { ...(receive!.data.victim as Record<string, unknown>), gender: i % 35 === 17 ? 'male' : 'female' };
  return [
    // Received by the borough's DA service (its caseworkers act on the cases it is involved in).
    { ...receive!, data: { ...receive!.data, referringAgency: DA_SERVICE, victim, incidentsInLast12Months: high ? 3 : 1 + (i % 2) } },
    { day: 0.1, type: 'AssessRisk', data: { tool: { name: 'safelives-dash', version: '2009' }, answers: Array.from({ length: 24 }, (_, q) => (q < yes ? 'yes' : 'no')) } },
    high ? { ...route!, data: { ...route!.data, idva: { idvaId: `idva-${i % 5}`, service: DA_SERVICE } } } : { day: 0.2, type: 'RouteReferral', data: { route: 'support-service', service: ['outreach', 'one-stop-shop', 'freedom-programme'][i % 3] } },
    ...rest,
  ];
}

/** An application with one qualifying complaint: the threshold is not met, and the bodies decide not to review. */
function communityTriggerNotMet(opened: string, i: number): ScriptedCommand[] {
  const [receive, acknowledge] = communityTriggerScript(opened, i);
  const complaints = (receive!.data.complaints as unknown[]).slice(0, 1);
  return [
    { ...receive!, data: { ...receive!.data, complaints } },
    acknowledge!,
    {
      day: 8,
      type: 'AssessThreshold',
      data: {
        discretionaryDecision: {
          met: false,
          reasons: { persistence: 'One complaint in six months.', harm: 'Noise at night; no vulnerability identified.', adequacyOfResponse: 'The council visited and wrote to the neighbour.' },
        },
      },
    },
    { day: 9, type: 'InformApplicant', data: { method: 'letter', message: 'The threshold for a case review was not met. You may appeal to the Police and Crime Commissioner.' } },
    { day: 60, type: 'CloseApplication', data: {} },
  ];
}
