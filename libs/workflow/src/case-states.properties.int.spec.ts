import fc from 'fast-check';
import { SqliteEventStore, WrongExpectedRevisionError } from '@casetrail/event-store';
import { loadCase } from './case-loader';
import { CaseNotFoundError } from './command-errors';
import { CaseStates } from './case-states';
import { CommandOutcome, CommandRequest, handleCommand } from './command-handler';
import { DomainRuleError } from './decider';
import { ToyCommand, toyCalendar, toyDefinition, toyPolicy } from './testing/toy-case.fixture';

const CASES = ['toy-00000000-0000-4000-8000-000000000001', 'toy-00000000-0000-4000-8000-000000000002', 'toy-00000000-0000-4000-8000-000000000003'];
const LIFETIME_MS = 10_000;

const command = fc.oneof(
  fc.constant<ToyCommand>({ type: 'OpenToy', data: { title: 'Graffiti on the bridge', recipient: { name: 'A Person', dateOfBirth: '1990-01-02' } } }),
  fc.string({ minLength: 1, maxLength: 8 }).map((text): ToyCommand => ({ type: 'AddNote', data: { text } })),
  fc.constant<ToyCommand>({ type: 'CloseToy', data: { reason: 'resolved' } }),
);
/** How the sender conditions a command: not at all, on the revision the store holds, or on an older one. */
const condition = fc.constantFrom('none', 'current', 'stale' as const);
const caseNo = fc.integer({ min: 0, max: CASES.length - 1 });

type Step =
  | { kind: 'mine'; caseNo: number; command: ToyCommand; condition: 'none' | 'current' | 'stale' }
  | { kind: 'theirs'; caseNo: number; command: ToyCommand }
  | { kind: 'together'; caseNo: number; first: ToyCommand; second: ToyCommand }
  | { kind: 'retry'; pick: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'clear' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('mine' as const), caseNo, command, condition }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('theirs' as const), caseNo, command }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('together' as const), caseNo, first: command, second: command }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: LIFETIME_MS * 1.5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
);

/** A refusal a sender may get: the case's rule, no such case yet, or someone else wrote first. Anything else is a failure. */
async function refusedOrDone(outcome: Promise<CommandOutcome>): Promise<CommandOutcome | undefined> {
  try {
    return await outcome;
  } catch (error) {
    if (error instanceof DomainRuleError || error instanceof CaseNotFoundError || error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  }
}

/**
 * Rule: the kept case states never change what a command decides on. Whatever mix of commands
 * through this process's kept states, writes by another process behind their back, two commands
 * on one case at once, retries, lifetimes running out and clears, every case the kept states
 * answer for is exactly the case folded afresh from its whole stream, and a retried command
 * that wrote answers with its first outcome.
 */
describe('CaseStates under any sequence of commands (property)', () => {
  it('always answers with the state and revision of the whole stream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const store = new SqliteEventStore({ path: ':memory:' });
        await store.init();
        let clock = 1_000_000;
        // Capacity 2 for 3 cases: states are dropped and read again too.
        const states = new CaseStates({ capacity: 2, lifetimeMs: LIFETIME_MS, now: () => clock });
        const done: { request: CommandRequest<ToyCommand>; outcome: CommandOutcome }[] = [];
        let commandNo = 0;
        const revisionOf = async (caseId: string) => (await store.readStream(caseId, { direction: 'backwards', maxCount: 1 })).at(0)?.revision;
        const send = async (caseId: string, cmd: ToyCommand, options: { states?: CaseStates; expectedRevision?: number } = {}) => {
          const request: CommandRequest<ToyCommand> = {
            caseId,
            command: cmd,
            actor: { id: 'officer-1', role: 'caseworker', agency: 'tmbc' },
            commandId: `cmd-${++commandNo}`,
            correlationId: 'property',
            occurredAt: '2026-04-02T10:00:00.000Z',
            ...(options.expectedRevision === undefined ? {} : { expectedRevision: options.expectedRevision }),
          };
          const outcome = await refusedOrDone(handleCommand({ store, definition: toyDefinition, policy: toyPolicy, calendar: toyCalendar, ...(options.states ? { states: options.states } : {}) }, request));
          if (outcome && options.states) done.push({ request, outcome });
        };
        try {
          for (const s of steps) {
            if (s.kind === 'mine') {
              const caseId = CASES[s.caseNo]!;
              const revision = await revisionOf(caseId);
              const expectedRevision = s.condition === 'none' || revision === undefined ? undefined : s.condition === 'current' ? revision : revision - 1;
              await send(caseId, s.command, { states, ...(expectedRevision === undefined ? {} : { expectedRevision }) });
            } else if (s.kind === 'theirs') {
              await send(CASES[s.caseNo]!, s.command); // another process: the plain store, no kept states
            } else if (s.kind === 'together') {
              const caseId = CASES[s.caseNo]!;
              await Promise.all([send(caseId, s.first, { states }), send(caseId, s.second, { states })]);
            } else if (s.kind === 'retry' && done.length > 0) {
              const first = done[s.pick % done.length]!;
              const again = await handleCommand({ store, definition: toyDefinition, policy: toyPolicy, calendar: toyCalendar, states }, first.request);
              // A command that wrote is answered from the stream; one that wrote nothing left no
              // trace there (the API's Idempotency-Key store answers those), and the toy case's
              // no-ops (closing a closed case) stay no-ops when decided again.
              if (first.outcome.events.length > 0) expect(again).toEqual({ ...first.outcome, duplicate: true });
              else expect(again.events).toEqual([]);
            } else if (s.kind === 'tick') {
              clock += s.ms;
            } else if (s.kind === 'clear') {
              states.clear();
            }
            for (const caseId of CASES) {
              const kept = await states.current(store, toyDefinition, caseId);
              const whole = await loadCase(store, toyDefinition, caseId).catch((error: unknown) => (error instanceof CaseNotFoundError ? undefined : Promise.reject(error)));
              expect(kept && { state: kept.state, revision: kept.revision }).toEqual(whole && { state: whole.state, revision: whole.revision });
            }
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
