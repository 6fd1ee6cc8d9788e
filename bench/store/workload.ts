import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { ExpectedRevision, NewEvent } from '@casetrail/event-store';

/**
 * The write workload shared by the raw baselines and the adapters: each writer owns its case
 * streams and appends to one stream until it has made APPENDS_PER_STREAM appends, then opens the
 * next one. Every append of the adapter carries the exact expected revision, as a command handler
 * would.
 */
export const APPENDS_PER_STREAM = 20;

/** One append the writer will make: which stream, at which revision, with which events. */
export interface PlannedAppend {
  streamId: string;
  /** Revision the first event of the batch gets (0 for a new stream). */
  nextRevision: number;
  events: NewEvent[];
}

const SUMMARY =
  'Repeated loud music and shouting from the flat above between 23:00 and 03:00; ' +
  'neighbours report feeling intimidated on the shared stairwell.';

/** A realistic casework event: ~330 bytes of data, ~230 bytes of metadata once stored. */
function incident(caseRef: string, seq: number, commandId: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'IncidentLogged',
    schemaVersion: 1,
    data: {
      caseRef,
      seq,
      category: 'noise',
      summary: SUMMARY,
      location: { ward: 'Trinity', postcodeDistrict: 'ME14', uprn: 200003712345 },
      reportedBy: { kind: 'resident', anonymous: false },
      vulnerability: ['repeat-caller'],
    },
    metadata: {
      actorId: 'user-4711',
      actorRole: 'caseworker',
      agency: 'tmbc',
      correlationId: commandId,
      causationId: commandId,
      commandId,
      occurredAt: '2026-03-01T10:00:00.000Z',
    },
  };
}

/** Everything one writer will append, generated before the clock starts. */
export function planWriter(streamPrefix: string, appends: number, eventsPerAppend: number): PlannedAppend[] {
  const plan: PlannedAppend[] = [];
  for (let i = 0; i < appends; i++) {
    const streamId = `${streamPrefix}-s${Math.floor(i / APPENDS_PER_STREAM)}`;
    const nextRevision = (i % APPENDS_PER_STREAM) * eventsPerAppend;
    const commandId = `cmd-${streamId}-${i}`;
    const events = Array.from({ length: eventsPerAppend }, (_, k) => incident(streamId, nextRevision + k, commandId));
    plan.push({ streamId, nextRevision, events });
  }
  return plan;
}

/** The expected revision an adapter append carries for a planned append. */
export function expectedRevisionOf(append: PlannedAppend): ExpectedRevision {
  return append.nextRevision === 0 ? 'no_stream' : append.nextRevision - 1;
}

/** Wall-clock seconds of a run, and the CPU seconds (user + system) this process spent in it. */
export interface Timing {
  seconds: number;
  cpuSeconds: number;
  /** SQLite writer processes: appends that failed with SQLITE_BUSY after busy_timeout and were retried. */
  busyRetries?: number;
}

export function startTiming(): () => Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

/**
 * Runs every writer's plan concurrently (each writer one append at a time, awaiting each), timed
 * from the first append to the last one settling.
 */
export async function runWriters(
  plans: PlannedAppend[][],
  append: (writer: number, planned: PlannedAppend) => unknown,
): Promise<Timing> {
  const stop = startTiming();
  await Promise.all(
    plans.map(async (plan, writer) => {
      for (const planned of plan) await append(writer, planned);
    }),
  );
  return stop();
}

/** Splits `total` appends over `writers` as evenly as possible. */
export function share(total: number, writers: number, writer: number): number {
  return Math.floor(total / writers) + (writer < total % writers ? 1 : 0);
}

/** A stored event as the raw baselines insert it: the same strings the adapters store. */
export function serialise(event: NewEvent, recordedAt: string): { data: string; metadata: string } {
  return { data: JSON.stringify(event.data), metadata: JSON.stringify({ ...event.metadata, recordedAt }) };
}
