import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@casetrail/event-store';
import { loadConfig } from '@casetrail/shared';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { asbReport, logIncident } from '../e2e/api-fixtures';
import { mint, TOKEN_ENV } from '../security/tokens';
import { ApiProcess, startApiProcess } from '../support/processes';
import { describeUnless } from '../support/services';
import { cannotMountExt4, Ext4Disk, mountExt4 } from '../support/small-disk';

/**
 * The embedded default's SQLite file on a disk that turns read-only under the running API, as an
 * ext4 disk does when the kernel meets an error on it (errors=remount-ro). Every write is refused
 * with a clear 503 problem+json, never a 500 or a hang; the process stays up and keeps answering
 * reads of what was written before; after the repair (which Linux allows only once the files are
 * closed, so the API is stopped and started again) writing works and every earlier case is as it
 * was, hash chains intact.
 *
 * Why not `mount -o remount,ro` under the API: the kernel refuses it ("mount point is busy") while
 * any process holds a file on that filesystem open for writing, as SQLite does; a read-only disk
 * under a running process only happens through the kernel's own error handling, simulated here.
 */
jest.setTimeout(120_000);

/** Not a speed check: turns a request that never comes back into a failure that says so. */
const HANG_GUARD_MS = 30_000;
/** What the API answers when the database it writes to cannot serve (apps/api/src/problems). */
const STORE_UNAVAILABLE = ['DATABASE_UNAVAILABLE', 'EVENT_STORE_UNAVAILABLE'];

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

describeUnless(cannotMountExt4, 'fault: SQLite on a disk that turns read-only', () => {
  let disk: Ext4Disk;
  let api: ApiProcess | undefined;
  const logs: string[] = [];

  beforeAll(() => {
    disk = mountExt4('casetrail-read-only-disk-', 16);
  });
  afterAll(async () => {
    await api?.stop();
    disk?.remove();
  });

  it('refuses writes with 503 problem+json, answers reads, stays up, and after the repair writes again with every case intact', async () => {
    const path = join(disk.dir, 'casetrail.db');
    const env = { ...TOKEN_ENV, CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: path, CASETRAIL_RATE_LIMIT: '1000000', CASETRAIL_LOG_LEVEL: 'info' };
    api = await startApiProcess(env, logs);
    const auth = { Authorization: `Bearer ${await mint({ role: 'caseworker', userId: 'disk-1', agency: 'tmbc' })}` };
    const send = async (method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
      const response = await fetch(`${api!.url}${path}`, {
        method,
        headers: { ...auth, ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HANG_GUARD_MS),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const command = (caseId: string, body: unknown, headers?: Record<string, string>) => send('POST', `/api/cases/${caseId}/commands`, body, headers);

    // Three cases with a few commands each, one of them under an Idempotency-Key.
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const opened = await send('POST', '/api/cases', asbReport());
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      caseIds.push(caseId);
      expect((await command(caseId, logIncident(`before-${i}-a`))).status).toBe(200);
      expect((await command(caseId, logIncident(`before-${i}-b`), { 'Idempotency-Key': `before-${i}` })).status).toBe(200);
    }
    // Each case as the API shows it, with its history: statuses and bodies.
    const read = async (path: string) => {
      const { status, body } = await send('GET', path);
      return { status, body };
    };
    const snapshot = async () => Promise.all(caseIds.map(async (caseId) => ({ case: await read(`/api/cases/${caseId}`), history: await read(`/api/cases/${caseId}/history`) })));
    const before = await snapshot();
    before.forEach(({ case: c, history }) => expect([c.status, history.status]).toEqual([200, 200]));

    disk.failReadOnly();

    // Every kind of write, each twice: refused the same way every time, not just the first.
    const writes = [
      () => send('POST', '/api/cases', asbReport()),
      () => command(caseIds[0]!, logIncident('while-read-only')),
      () => command(caseIds[1]!, logIncident('while-read-only-keyed'), { 'Idempotency-Key': 'while-read-only' }),
    ];
    const refusals: Answer[] = [];
    for (let round = 0; round < 2; round += 1) for (const write of writes) refusals.push(await write());
    for (const refused of refusals) {
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ status: 503, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
      expect(STORE_UNAVAILABLE).toContain(refused.body.code);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(refused.body)).not.toMatch(new RegExp(`${disk.dir}|SQLITE|read-only file system`, 'i')); // no internals
    }

    // Reads of the earlier cases still answer, exactly as before: SQLite reads the file and the
    // WAL it already has open, and its shared-memory index is already mapped.
    expect(await snapshot()).toEqual(before);
    const list = await send('GET', '/api/cases');
    expect(list.status).toBe(200);
    expect((list.body.items as { caseId: string }[]).map((c) => c.caseId).sort()).toEqual([...caseIds].sort());
    // The process is up, but not ready: its store answers reads and says it cannot write, and
    // why, so monitoring pages someone; no path or driver code in the public answer.
    expect((await send('GET', '/health/live')).status).toBe(200);
    const ready = await send('GET', '/health/ready');
    expect({ status: ready.status, store: (ready.body.checks as { details?: Record<string, unknown> })?.details?.eventStore }).toEqual({
      status: 503,
      store: { adapter: 'sqlite', status: 'down', message: expect.stringMatching(/^event store cannot write: the last write was refused \(SQLITE_(READONLY|IOERR)\w*\)$/) },
    });
    expect(JSON.stringify(ready.body)).not.toContain(disk.dir);
    expect(api.child.exitCode).toBeNull();
    // pino-http logs every answer's status: none of them was a 5xx other than the 503s.
    expect(logs.join('')).not.toMatch(/"statusCode":5(?!03)\d\d/);

    // The repair: Linux keeps an ext4 disk read-only after an error until it is unmounted, which
    // needs the files closed; so the API stops (SQLite cannot checkpoint on the way out; the WAL,
    // flushed at every commit, keeps the data), the operator checks the disk, and the API starts
    // again on the same file.
    await api.stop();
    api = undefined;
    disk.remountAfterRepair();
    const restartedAt = logs.length;
    api = await startApiProcess(env, logs);

    expect((await send('GET', '/health/ready')).status).toBe(200);
    expect(await snapshot()).toEqual(before);
    // The keyed command refused while read-only left no trace: sent again now, it is applied once.
    const retried = await command(caseIds[1]!, logIncident('while-read-only-keyed'), { 'Idempotency-Key': 'while-read-only' });
    expect(retried.status).toBe(200);
    const opened = await send('POST', '/api/cases', asbReport());
    expect(opened.status).toBe(201);
    const history = await send('GET', `/api/cases/${caseIds[1]}/history`);
    const eventIds = (body: Record<string, unknown>) => (body.events as { eventId: string }[]).map((e) => e.eventId);
    expect(eventIds(history.body).slice(0, -1)).toEqual(eventIds(before[1]!.history.body));
    expect(eventIds(history.body)).toHaveLength(eventIds(before[1]!.history.body).length + 1);
    await api.stop();
    api = undefined;
    expect(logs.slice(restartedAt).join('')).not.toMatch(/"statusCode":5\d\d/);

    // Every hash chain is intact, as `npm run cli -- verify` reports it, and the file is sound.
    const store = new SqliteEventStore({ path });
    const lines: string[] = [];
    try {
      await store.init();
      expect(await verifyCommand.run([], { store, config: loadConfig({}), out: (line) => lines.push(line) })).toBe(0);
    } finally {
      await store.close();
    }
    expect(lines.at(-1)).toMatch(/^verified \d+ events in \d+ streams: every chain intact$/);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Nothing the refused writes carried reached the file; the retried one did, once.
      const logged = (incidentId: string) =>
        (db.prepare("SELECT count(*) AS n FROM events WHERE type = 'IncidentLogged' AND data LIKE ?").get(`%"${incidentId}"%`) as { n: number }).n;
      expect({ refused: logged('while-read-only'), retried: logged('while-read-only-keyed') }).toEqual({ refused: 0, retried: 1 });
      // Three cases opened before, one after; the two opened while read-only are nowhere.
      expect(db.prepare("SELECT count(*) AS n FROM events WHERE type = 'AsbReported'").get()).toEqual({ n: 4 });
    } finally {
      db.close();
    }
  });
});
