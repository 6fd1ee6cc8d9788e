import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { CASE_TYPES } from '@casetrail/cases';
import { EventStore } from '@casetrail/event-store';
import { CaseTypeDefinition, handleCommand, loadBankHolidays, loadPolicyDirectory, parseCommand } from '@casetrail/workflow';

const ROOT = join(__dirname, '..', '..', '..');
const policy = loadPolicyDirectory(join(ROOT, 'policy'), CASE_TYPES.map((d) => d.policy));
const calendar = loadBankHolidays(join(ROOT, 'policy', 'bank-holidays', 'england-and-wales.json'));
const asb = CASE_TYPES.find((d) => d.caseType === 'asb')! as CaseTypeDefinition;

const actor = { id: 'officer-1', role: 'caseworker' as const, agency: 'tmbc' };

/** The commands of one ASB case's life so far, in order; `n` varies the facts between cases. */
function lifeOf(n: number): { type: string; data: unknown }[] {
  const day = String(1 + (n % 27)).padStart(2, '0');
  return [
    {
      type: 'ReportAsb',
      data: {
        reportingAgency: 'tmbc',
        category: 'noise',
        victims: [{ kind: 'person', givenName: 'Jane', familyName: `Doe${n}`, contact: {} }],
        location: { address: `${n} Acacia Avenue, Tonbridge` },
        perpetrators: [{ perpetratorId: 'p1', description: 'Neighbour, loud music at night' }],
        firstIncident: { incidentId: 'i1', behaviourDate: `2026-02-${day}`, reportedDate: `2026-02-${day}`, description: 'Music until 3am' },
      },
    },
    { type: 'LogIncident', data: { incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: 'Shouting', reportingAgency: 'tmbc' } },
    { type: 'RecordRiskAssessment', data: { level: (['standard', 'medium', 'high'] as const)[n % 3], answers: [{ question: 'Is the victim vulnerable?', answer: 'No' }] } },
    { type: 'AssignCase', data: { caseworkerId: `officer-${n % 4}`, agency: 'tmbc' } },
    { type: 'LogIncident', data: { incidentId: 'i3', behaviourDate: '2026-03-03', reportedDate: '2026-03-03', description: 'Door slamming', reportingAgency: 'tmbc' } },
    { type: 'StartInvestigation', data: {} },
  ];
}

/**
 * Real ASB casework through the command path: `cases` cases advanced in rounds, so the streams'
 * events interleave in the store as they would in a borough. Returns the store's head position.
 */
export async function generateCasework(store: EventStore, cases: number): Promise<number> {
  const ids = Array.from({ length: cases }, () => `asb-${randomUUID()}`);
  const lives = ids.map((_, n) => lifeOf(n));
  let at = Date.parse('2026-03-10T09:00:00Z');
  for (let step = 0; step < lives[0]!.length; step += 1) {
    for (const [n, caseId] of ids.entries()) {
      // Each command on its own turn of the event loop, as HTTP requests arrive. Back-to-back in
      // one turn, a synchronous SQLite append could land inside a runner's open batch in this
      // process and wait out busy_timeout (ADR 0005, Costs).
      await setImmediate();
      at += 1_000;
      await handleCommand(
        { store, definition: asb, policy, calendar },
        {
          caseId,
          command: parseCommand(asb, lives[n]![step]!),
          actor,
          commandId: randomUUID(),
          correlationId: randomUUID(),
          occurredAt: new Date(at).toISOString(),
        },
      );
    }
  }
  return store.headPosition();
}

export const definitionFor = (streamId: string) => (streamId.startsWith('asb-') ? asb : undefined);
