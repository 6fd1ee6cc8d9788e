import { PostgresEventStore, RecordedEvent } from '@casetrail/event-store';
import { asbReport } from '../e2e/api-fixtures';
import { mint, TOKEN_ENV } from '../security/tokens';
import { TEST_MASTER_KEY } from '../support/api-app';
import { PrivatePostgres } from '../support/private-postgres';
import { ApiProcess, eventually, startApiProcess } from '../support/processes';
import { RawHttp, RawResponse } from '../support/raw-http';
import { describeUnless } from '../support/services';

// Hang guards, not speed checks: every wait below ends as soon as its condition holds.
jest.setTimeout(240_000);

const WORKERS = 10;
const CASES = 5;

interface Sent {
  index: number;
  caseId: string;
  body: string;
  answers: (RawResponse | Error)[];
}

const incidentOf = (index: number) => ({
  type: 'LogIncident',
  data: { incidentId: `pg-${index}`, behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: `Report ${index}`, reportingAgency: 'tmbc' },
});

const unavailable = PrivatePostgres.available();
describeUnless(unavailable, 'fault: PostgreSQL restarted under load', () => {
  let pg: PrivatePostgres;
  let api: ApiProcess | undefined;
  let stopLoad = () => {};

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
  });
  afterAll(async () => {
    stopLoad();
    await api?.kill9();
    await pg?.remove();
  });

  it('answers 503 problem+json with Retry-After while it is down, reports it on /health/ready, recovers by itself, and writes nothing by halves', async () => {
    const env = { CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: pg.url, CASETRAIL_MASTER_KEY: TEST_MASTER_KEY, CASETRAIL_RATE_LIMIT: '100000000', ...TOKEN_ENV };
    api = await startApiProcess(env);
    const http = new RawHttp(api.url, WORKERS + 2);
    const headers = { Authorization: `Bearer ${await mint({ role: 'caseworker', userId: 'pg-load', agency: 'tmbc' })}`, 'Content-Type': 'application/json' };
    const caseIds: string[] = [];
    const openedAt = new Map<string, number>();
    for (let i = 0; i < CASES; i += 1) {
      const opened = await http.send({ method: 'POST', path: '/api/cases', headers, body: JSON.stringify(asbReport()) });
      expect(opened.status).toBe(201);
      const { caseId, revision } = opened.json() as { caseId: string; revision: number };
      caseIds.push(caseId);
      openedAt.set(caseId, revision);
    }

    const commands: Sent[] = [];
    const send = (command: Sent) =>
      http.send({ method: 'POST', path: `/api/cases/${command.caseId}/commands`, headers: { ...headers, 'Idempotency-Key': `pg-${command.index}` }, body: command.body });
    let stopping = false;
    const worker = async () => {
      while (!stopping) {
        const index = commands.length;
        const command: Sent = { index, caseId: caseIds[index % CASES]!, body: JSON.stringify(incidentOf(index)), answers: [] };
        commands.push(command);
        command.answers.push(await send(command).catch((error: Error) => error));
        // Pause briefly after a refusal, as a client honouring Retry-After would (it keeps the loop from spinning).
        if (command.answers.at(-1) instanceof Error || (command.answers.at(-1) as RawResponse).status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const count = (status: number) => commands.filter((c) => c.answers.some((a) => !(a instanceof Error) && a.status === status)).length;
    const histogram = () => {
      const seen: Record<string, number> = {};
      for (const a of commands.flatMap((c) => c.answers)) {
        const key = a instanceof Error ? a.message.slice(0, 60) : String(a.status);
        seen[key] = (seen[key] ?? 0) + 1;
      }
      return seen;
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    stopLoad = () => (stopping = true);

    expect(await eventually(() => count(200) >= 15, 60_000, 20)).toBe(true);
    await pg.stop();
    const outage = await eventually(() => count(503) >= 10, 60_000, 20);
    expect({ outage, seen: histogram(), output: outage ? '' : api.output().slice(-1500) }).toEqual({ outage: true, seen: expect.anything(), output: '' });
    const ready = await http.send({ method: 'GET', path: '/health/ready' });
    expect(ready.status).toBe(503);
    expect(String(ready.headers['content-type'])).toContain('application/problem+json');
    expect(ready.text).toContain('eventStore');
    const acksDuringOutage = count(200);

    await pg.start();
    // No restart of the API: it reconnects by itself.
    expect(await eventually(async () => (await http.send({ method: 'GET', path: '/health/ready' })).status === 200, 60_000, 200)).toBe(true);
    expect(await eventually(() => count(200) >= acksDuringOutage + 10, 60_000, 20)).toBe(true);
    stopping = true;
    await load;

    // Every answer was an acknowledgement, a conflict or a 503 problem+json with Retry-After: none hung, none was a 500.
    const answers = commands.flatMap((c) => c.answers);
    expect(answers.filter((a) => a instanceof Error).map((a) => (a as Error).message)).toEqual([]);
    const responses = answers as RawResponse[];
    expect([...new Set(responses.map((r) => r.status))].filter((s) => ![200, 409, 503].includes(s))).toEqual([]);
    for (const r of responses.filter((r) => r.status === 503)) {
      expect({ type: String(r.headers['content-type']).split(';')[0], retryAfter: Number(r.headers['retry-after']) > 0, code: (r.json() as { code: string }).code }).toEqual({
        type: 'application/problem+json',
        retryAfter: true,
        code: expect.any(String),
      });
    }

    // The client retries what was refused for the outage, with the same key and body.
    for (const command of commands.filter((c) => (c.answers.at(-1) as RawResponse).status === 503)) {
      expect(await eventually(async () => { const answer = await send(command); command.answers.push(answer); return answer.status < 500; }, 30_000)).toBe(true);
    }
    http.close();
    await api.stop();
    api = undefined;

    const store = new PostgresEventStore({ connectionString: pg.url });
    await store.init();
    const events = new Map<string, RecordedEvent[]>();
    for (const caseId of caseIds) events.set(caseId, await store.readStream(caseId));
    await store.close();
    const final = (c: Sent) => c.answers.at(-1) as RawResponse;
    const logged = (c: Sent) => events.get(c.caseId)!.filter((e) => e.type === 'IncidentLogged' && (e.data as { incidentId: string }).incidentId === `pg-${c.index}`);
    const acknowledged = commands.filter((c) => final(c).status === 200);
    expect(acknowledged.filter((c) => logged(c).length !== 1).map((c) => c.index)).toEqual([]);
    expect(commands.filter((c) => final(c).status !== 200 && logged(c).length !== 0).map((c) => c.index)).toEqual([]);
    const named = new Set(acknowledged.flatMap((c) => (final(c).json() as { events: { eventId: string }[] }).events.map((e) => e.eventId)));
    const later = caseIds.flatMap((caseId) => events.get(caseId)!.filter((e) => e.revision > openedAt.get(caseId)!).map((e) => e.eventId));
    expect(later.sort()).toEqual([...named].sort());
    for (const stream of events.values()) expect(stream.map((e) => e.revision)).toEqual(stream.map((_e, i) => i));
  });
});
