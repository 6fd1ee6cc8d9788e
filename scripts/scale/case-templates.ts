import { join } from 'node:path';
import { CASE_TYPES } from '@casetrail/cases';
import {
  Actor,
  CaseTypeDefinition,
  DomainRuleError,
  loadBankHolidays,
  loadPolicyDirectory,
  parseCommand,
  upcasterRegistryOf,
} from '@casetrail/workflow';
import { asbScript, communityTriggerScript, cpwCpnScript, daReferralScript, ScriptedCommand } from './casework-scripts';

const ROOT = join(__dirname, '..', '..');
/** Stands for the case id while a template is decided; replaced by each generated case's own id. */
export const PLACEHOLDER_UUID = '00000000-0000-4000-8000-00000000c0de';

/** One decided event of a template, with the command that caused it. */
export interface TemplateEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  command: number;
  occurredAt: string;
  actor: Actor;
}

/** A whole case history decided once by its case type; `text` is its events as JSON, case id as a placeholder. */
export interface CaseTemplate {
  caseType: string;
  text: string;
  events: number;
  /** Cases whose history stops here stay open (queues, deadlines): a prefix of a valid history is one. */
  openAfter: number;
}

const OFFICERS: Record<string, Actor> = {
  asb: { id: 'officer-7', role: 'caseworker', agency: 'tmbc' },
  'da-referral': { id: 'idva-lead-2', role: 'caseworker', agency: 'davss' },
  'community-trigger': { id: 'ct-coordinator-1', role: 'caseworker', agency: 'tmbc' },
  'cpw-cpn': { id: 'officer-9', role: 'caseworker', agency: 'tmbc' },
};

/**
 * Runs the script's commands through the case type's own decider (parseCommand, decide, evolve),
 * with the policy and bank holidays the application loads. A command the rules refuse is
 * skipped and counted; anything else that fails stops the generator.
 */
function decideTemplate(definition: CaseTypeDefinition, script: ScriptedCommand[], opened: string, refusals: Map<string, number>): TemplateEvent[] {
  const policy = POLICY();
  const calendar = CALENDAR();
  const caseId = `${definition.caseType}-${PLACEHOLDER_UUID}`;
  const actor = OFFICERS[definition.caseType]!;
  const registry = upcasterRegistryOf(definition);
  let state = definition.decider.initialState();
  const events: TemplateEvent[] = [];
  script.forEach((step, command) => {
    const now = new Date(Date.parse(opened) + step.day * 86_400_000).toISOString();
    let decided;
    try {
      decided = definition.decider.decide(parseCommand(definition, { type: step.type, data: step.data }), state, { caseId, now, actor, policy, calendar });
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw new Error(`${definition.caseType} ${step.type}: ${error instanceof Error ? error.message : String(error)}`);
      const key = `${definition.caseType} ${step.type}: ${error.code}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
      return;
    }
    for (const event of decided) {
      state = definition.decider.evolve(state, event);
      events.push({ type: event.type, schemaVersion: event.schemaVersion ?? registry.currentVersion(event.type), data: event.data, command, occurredAt: now, actor });
    }
  });
  return events;
}

let policyCache: ReturnType<typeof loadPolicyDirectory> | undefined;
let calendarCache: ReturnType<typeof loadBankHolidays> | undefined;
const POLICY = () => (policyCache ??= loadPolicyDirectory(join(ROOT, 'policy'), CASE_TYPES.map((d) => d.policy)));
const CALENDAR = () => (calendarCache ??= loadBankHolidays(join(ROOT, 'policy', 'bank-holidays', 'england-and-wales.json')));

/** How many templates of each type: cases cycle through them, so histories differ in dates, sizes and values. */
const VARIANTS = 24;

/**
 * Templates for the four case types, in the mix a borough sees (by cases: ASB 55%, DA referrals
 * 20%, CPW/CPN 15%, Community Trigger 10%), opened on dates spread over 2025-2026.
 */
export function caseTemplates(): { mix: CaseTemplate[]; refusals: Map<string, number> } {
  const refusals = new Map<string, number>();
  const byType = (caseType: string) => CASE_TYPES.find((d) => d.caseType === caseType)!;
  const templates = (caseType: string, script: (opened: string, variant: number) => ScriptedCommand[]) =>
    Array.from({ length: VARIANTS }, (_, variant) => {
      const opened = new Date(Date.UTC(2025, 1, 3) + variant * 23 * 86_400_000 + 9 * 3_600_000).toISOString();
      const events = decideTemplate(byType(caseType), script(opened, variant), opened, refusals);
      return { caseType, text: JSON.stringify(events), events: events.length, openAfter: Math.max(1, Math.round(events.length * 0.6)) };
    });
  const asb = templates('asb', (opened, variant) => asbScript(opened, 4 + ((variant * 7) % 30), variant));
  const da = templates('da-referral', daReferralScript);
  const ct = templates('community-trigger', communityTriggerScript);
  const cpw = templates('cpw-cpn', cpwCpnScript);
  // 20 cases in the borough's proportions, interleaved so any run of cases has the mix.
  const pattern = ['asb', 'da-referral', 'asb', 'cpw-cpn', 'asb', 'da-referral', 'asb', 'community-trigger', 'asb', 'cpw-cpn'];
  const pools: Record<string, CaseTemplate[]> = { asb, 'da-referral': da, 'community-trigger': ct, 'cpw-cpn': cpw };
  const mix: CaseTemplate[] = [];
  for (let i = 0; i < VARIANTS * 2; i += 1) {
    for (const [k, type] of pattern.entries()) mix.push(pools[type]![(i * pattern.length + k) % VARIANTS]!);
    mix.push(asb[i % VARIANTS]!);
  }
  return { mix, refusals };
}
