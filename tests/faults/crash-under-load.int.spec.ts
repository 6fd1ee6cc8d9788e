import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, PostgresEventStore, RecordedEvent, SqliteEventStore } from '@casetrail/event-store';
import { asbReport } from '../e2e/api-fixtures';
import { mint, TOKEN_ENV } from '../security/tokens';
import { TEST_MASTER_KEY } from '../support/api-app';
import { eventually, runCli, startApiProcess, ApiProcess } from '../support/processes';
import { RawHttp, RawResponse } from '../support/raw-http';
import { createTestSchema, describeWithPostgres, TestSchema } from '../support/services';

// Hang guards, not speed checks: every wait below ends as soon as its condition holds.
jest.setTimeout(240_000);

const CONNECTIONS = 50;
const CASES = 10;
const COMMANDS = 300;
/** The API is killed once this many commands have been acknowledged. */
const KILL_AFTER_ACKS = 60;
/** Personal data the load sends; none of it may reach the API's or the CLI's output. */
const PERSONAL = ['Jane', 'Doe', '07700 900123', 'Acacia', 'Zebedee Loadtest', 'Music until 3am'];

interface Sent {
  index: number;
  caseId: string;
  key: string;
  body: string;
  /** The last answer: undefined while never answered (in flight at the kill, or never sent). */
  answer?: RawResponse;
  sent: boolean;
}

const incidentOf = (index: number) => ({
  type: 'LogIncident',
  data: { incidentId: `load-${index}`, behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: `Zebedee Loadtest shouting, report ${index}`, reportingAgency: 'tmbc' },
});

/**
 * kill -9 of the API during a 50-connection command load, on a real process. Every request has
 * an Idempotency-Key; after the restart the client retries what got no answer. Afterwards every
 * acknowledged command's events are present exactly once, no unacknowledged command left
 * events, and `projections verify` (the CLI, its own process) reports no difference.
 */
function crashSuite(name: string, setup: () => Promise<{ env: Record<string, string>; store: EventStore; cleanup(): Promise<void> }>): void {
  it(`${name}: acknowledged exactly once, unacknowledged not at all, read models verify`, async () => {
    const { env, store, cleanup } = await setup();
    const logs: string[] = [];
    let api: ApiProcess | undefined;
    try {
      const fullEnv = { ...env, ...TOKEN_ENV, CASETRAIL_MASTER_KEY: TEST_MASTER_KEY, CASETRAIL_RATE_LIMIT: '100000000', CASETRAIL_LOG_LEVEL: 'info' };
      api = await startApiProcess(fullEnv, logs);
      let http = new RawHttp(api.url, CONNECTIONS);
      const headers = { Authorization: `Bearer ${await mint({ role: 'caseworker', userId: 'load-1', agency: 'tmbc' })}`, 'Content-Type': 'application/json' };

      const caseIds: string[] = [];
      /** The revision each case's opening left it at: every later event must be some acknowledged command's. */
      const openedAt = new Map<string, number>();
      for (let i = 0; i < CASES; i += 1) {
        const opened = await http.send({ method: 'POST', path: '/api/cases', headers: { ...headers, 'Idempotency-Key': `open-${i}` }, body: JSON.stringify(asbReport()) });
        expect(opened.status).toBe(201);
        const { caseId, revision } = opened.json() as { caseId: string; revision: number };
        caseIds.push(caseId);
        openedAt.set(caseId, revision);
      }
      const commands: Sent[] = Array.from({ length: COMMANDS }, (_v, index) => ({
        index,
        caseId: caseIds[index % CASES]!,
        key: `load-${index}`,
        body: JSON.stringify(incidentOf(index)),
        sent: false,
      }));
      const send = (client: RawHttp, command: Sent) =>
        client.send({ method: 'POST', path: `/api/cases/${command.caseId}/commands`, headers: { ...headers, 'Idempotency-Key': command.key }, body: command.body });

      // The load: 50 connections, each taking the next command until the API is killed.
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (!killed && next < COMMANDS) {
          const command = commands[next++]!;
          command.sent = true;
          command.answer = await send(http, command).catch(() => undefined);
        }
      };
      const load = Promise.all(Array.from({ length: CONNECTIONS }, worker));
      expect(await eventually(() => commands.filter((c) => c.answer?.status === 200).length >= KILL_AFTER_ACKS, 120_000, 20)).toBe(true);
      killed = true;
      await api.kill9();
      await load;
      http.close();
      const inFlight = commands.filter((c) => c.sent && c.answer === undefined);
      const acknowledgedBeforeKill = commands.filter((c) => c.answer?.status === 200).length;

      // Restart; the client retries every request that got no answer, with the same key and body.
      api = await startApiProcess(fullEnv, logs);
      http = new RawHttp(api.url, 8);
      for (const command of inFlight) {
        const answered = await eventually(async () => (command.answer = await send(http, command)).status < 500, 30_000);
        expect({ index: command.index, answered, last: answered ? '' : `${command.answer?.status} ${command.answer?.text.slice(0, 300)} ${api.output().slice(-1500)}` }).toEqual({ index: command.index, answered: true, last: '' });
      }
      // And a retry of some acknowledged ones replays their first answer.
      for (const command of commands.filter((c) => c.answer?.status === 200).slice(0, 10)) {
        const first = command.answer!;
        const replay = await send(http, command);
        expect({ status: replay.status, replayed: replay.headers['idempotent-replayed'], body: replay.json() }).toEqual({ status: 200, replayed: 'true', body: first.json() });
      }
      http.close();
      await api.stop();
      api = undefined;

      await store.init();
      const events = new Map<string, RecordedEvent[]>();
      for (const caseId of caseIds) events.set(caseId, await store.readStream(caseId));
      const logged = (command: Sent) => events.get(command.caseId)!.filter((e) => e.type === 'IncidentLogged' && (e.data as { incidentId: string }).incidentId === `load-${command.index}`);
      const acknowledged = commands.filter((c) => c.answer?.status === 200);
      const unacknowledged = commands.filter((c) => c.answer?.status !== 200);

      expect(inFlight.length).toBeGreaterThan(0); // the kill did catch requests in flight
      expect(acknowledged.length).toBeGreaterThanOrEqual(acknowledgedBeforeKill);
      expect(acknowledged.filter((c) => logged(c).length !== 1).map((c) => c.index)).toEqual([]);
      expect(unacknowledged.filter((c) => logged(c).length !== 0).map((c) => c.index)).toEqual([]);
      // The events each answer named are the ones in the stream, once each.
      const allIds = [...events.values()].flat().map((e) => e.eventId);
      expect(new Set(allIds).size).toBe(allIds.length);
      const named = new Set<string>();
      for (const command of acknowledged) {
        const ids = (command.answer!.json() as { events: { eventId: string }[] }).events.map((e) => e.eventId);
        expect({ index: command.index, loggedIsNamed: ids.includes(logged(command)[0]!.eventId) }).toEqual({ index: command.index, loggedIsNamed: true });
        ids.forEach((id) => named.add(id));
      }
      // Nothing else was written: every event after the openings is one an acknowledgement named.
      const later = caseIds.flatMap((caseId) => events.get(caseId)!.filter((e) => e.revision > openedAt.get(caseId)!).map((e) => e.eventId));
      expect(later.sort()).toEqual([...named].sort());
      for (const stream of events.values()) expect(stream.map((e) => e.revision)).toEqual(stream.map((_e, i) => i));

      const verify = await runCli(['projections', 'verify'], fullEnv);
      logs.push(verify.stdout, verify.stderr);
      expect({ code: verify.code, out: verify.stdout }).toEqual({ code: 0, out: expect.stringMatching(/ 0 difference\(s\)/) });
      expect(verify.stdout).not.toMatch(/ [1-9]\d* difference\(s\)/);

      const text = logs.join('');
      expect(text.length).toBeGreaterThan(0);
      for (const value of PERSONAL) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    } finally {
      await api?.kill9();
      await store.close();
      await cleanup();
    }
  });
}

describe('fault: the API killed with SIGKILL under load', () => {
  crashSuite('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-crash-'));
    const path = join(dir, 'casetrail.db');
    return {
      env: { CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: path },
      store: new SqliteEventStore({ path }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('fault: the API killed with SIGKILL under load (PostgreSQL)', () => {
  crashSuite('PostgreSQL', async () => {
    const schema: TestSchema = await createTestSchema('crash');
    return {
      env: { CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: schema.url },
      store: new PostgresEventStore({ connectionString: schema.url }),
      cleanup: () => schema.drop(),
    };
  });
});
