import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CASE_TYPES } from '@casetrail/cases';
import { EventStore, NewEvent } from '@casetrail/event-store';
import { eventHash, handleCommand, loadBankHolidays, loadPolicyDirectory, parseCommand } from '@casetrail/workflow';

const ROOT = join(__dirname, '..', '..');
const OFFICER = { id: 'officer-7', role: 'caseworker', agency: 'tmbc' } as const;

/**
 * One ASB case of `events` events, written through the command path (ReportAsb, then incidents,
 * each a command), with the store's clock moved a minute per command so `asOf` can cut it anywhere.
 * Returns the case id and the instant half-way through its history.
 */
export async function longAsbCase(store: EventStore, clock: { now: Date }, events: number): Promise<{ caseId: string; midway: string }> {
  const asb = CASE_TYPES.find((d) => d.caseType === 'asb')!;
  const deps = {
    store,
    definition: asb,
    policy: loadPolicyDirectory(join(ROOT, 'policy'), CASE_TYPES.map((d) => d.policy)),
    calendar: loadBankHolidays(join(ROOT, 'policy', 'bank-holidays', 'england-and-wales.json')),
  };
  const caseId = `asb-${randomUUID()}`;
  const send = async (type: string, data: unknown) => {
    clock.now = new Date(clock.now.getTime() + 60_000);
    return handleCommand(deps, {
      caseId,
      command: parseCommand(asb, { type, data }),
      actor: OFFICER,
      commandId: randomUUID(),
      correlationId: caseId,
      occurredAt: clock.now.toISOString(),
    });
  };
  const day = clock.now.toISOString().slice(0, 10);
  let outcome = await send(
    'ReportAsb',
    {
      reportingAgency: 'tmbc',
      category: 'noise',
      victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: { phone: '07700 900123' } }],
      location: { address: '12 Acacia Avenue, Tonbridge' },
      perpetrators: [{ perpetratorId: 'p1', description: 'Neighbour at number 14' }],
      firstIncident: { incidentId: 'i1', behaviourDate: day, reportedDate: day, description: 'Music until 3am' },
    },
  );
  let midway = '';
  for (let n = 2; outcome.revision < events - 1; n += 1) {
    if (!midway && outcome.revision >= events / 2) midway = clock.now.toISOString();
    outcome = await send(
      'LogIncident',
      { incidentId: `i${n}`, behaviourDate: day, reportedDate: day, description: 'Shouting in the street late at night', reportingAgency: 'tmbc' },
    );
  }
  return { caseId, midway };
}

/** Data and metadata the size of a real IncidentLogged event (~300 B and ~300 B as JSON). */
function incidentEvent(streamId: string, revision: number, previousHash: string): { event: NewEvent; hash: string } {
  const occurredAt = new Date(Date.UTC(2026, 0, 1) + revision * 60_000).toISOString();
  const unsealed = {
    eventId: randomUUID(),
    type: 'IncidentLogged',
    schemaVersion: 1,
    data: {
      incidentId: `i${revision}`,
      behaviourDate: occurredAt.slice(0, 10),
      reportedDate: occurredAt.slice(0, 10),
      description: 'Shouting in the street late at night, music until 3am',
      reportingAgency: 'tmbc',
      loggedAt: occurredAt,
      qualifyingComplaint: true,
      applied: { 'asb.complaintQualifyingMonths': 1 },
    },
    metadata: {
      actorId: 'officer-7',
      actorRole: 'caseworker',
      agency: 'tmbc',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
      occurredAt,
    },
  };
  const hash = eventHash(previousHash, { ...unsealed, streamId, revision });
  return { event: { ...unsealed, metadata: { ...unsealed.metadata, previousHash, hash } }, hash };
}

/**
 * `streams` streams of `perStream` sealed events, appended through the store in batches with
 * their hashes computed beforehand, as the command path would have sealed them.
 */
export async function sealedStreams(store: EventStore, streams: number, perStream: number, batch: number, genesis: string): Promise<number> {
  let written = 0;
  for (let s = 0; s < streams; s += 1) {
    const streamId = `asb-${randomUUID()}`;
    let previous = genesis;
    for (let from = 0; from < perStream; from += batch) {
      const events: NewEvent[] = [];
      for (let revision = from; revision < Math.min(from + batch, perStream); revision += 1) {
        const { event, hash } = incidentEvent(streamId, revision, previous);
        events.push(event);
        previous = hash;
      }
      await store.append(streamId, events, from === 0 ? 'no_stream' : from - 1);
      written += events.length;
    }
  }
  return written;
}
