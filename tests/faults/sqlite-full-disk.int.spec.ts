import Database from 'better-sqlite3';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { asbReport, logIncident } from '../e2e/api-fixtures';
import { mint, TOKEN_ENV } from '../security/tokens';
import { startTestApi, TestApi } from '../support/api-app';
import { describeUnless } from '../support/services';
import { cannotMountTmpfs, mountTmpfs, SmallDisk } from '../support/small-disk';

/**
 * The embedded default's SQLite file on a disk that fills up: a 2 MB tmpfs mounted for the test
 * (needs root, as CI runs). Writing fails with a clear 503 problem+json, never a 500; what was
 * written before stays intact and readable; /health/ready says the store cannot write, and why;
 * and once space is freed, writing works again and the API is ready.
 */
jest.setTimeout(120_000);

// Mounting needs root (CI runs as root); the mount is made and removed by the suite's own hooks.
describeUnless(cannotMountTmpfs, 'fault: SQLite on a full disk', () => {
  let api: TestApi | undefined;
  let disk: SmallDisk | undefined;
  let mountPoint: string;
  let filler: string;

  beforeAll(() => {
    disk = mountTmpfs('casetrail-full-disk-', 2);
    mountPoint = disk.dir;
    filler = join(mountPoint, 'filler');
  });
  afterAll(async () => {
    await api?.close();
    disk?.remove();
  });

  function fillTheDisk(): void {
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(16 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
  }

  it('refuses writes with 503 problem+json and Retry-After, keeps the earlier data, and writes again once there is room', async () => {
    const path = join(mountPoint, 'casetrail.db');
    api = await startTestApi('sqlite', undefined, { env: { ...TOKEN_ENV, CASETRAIL_SQLITE_PATH: path, CASETRAIL_RATE_LIMIT: '1000000' } });
    const auth = { Authorization: `Bearer ${await mint({ role: 'caseworker', userId: 'disk-1', agency: 'tmbc' })}` };
    const opened = await api.http().post('/api/cases').set(auth).send(asbReport());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    for (let i = 0; i < 5; i += 1) expect((await api.http().post(`/api/cases/${caseId}/commands`).set(auth).send(logIncident(`before-${i}`))).status).toBe(200);
    const before = await api.http().get(`/api/cases/${caseId}/history`).set(auth);
    expect(before.status).toBe(200);
    const ready = async () => {
      const answer = await api!.http().get('/health/ready');
      // Ready: terminus's own body; not ready: problem+json with terminus's answer under `checks`.
      return { status: answer.status, store: (answer.body.details ?? answer.body.checks?.details)?.eventStore };
    };
    expect(await ready()).toEqual({ status: 200, store: { adapter: 'sqlite', status: 'up' } });

    fillTheDisk();
    // Not ready before any write is refused: the filesystem says it is full.
    expect(await ready()).toEqual({ status: 503, store: { adapter: 'sqlite', status: 'down', message: 'event store cannot write: the disk is full' } });
    // SQLite may still have free pages in its file; keep writing (bigger each time) until it needs more.
    const answers: Response[] = [];
    for (let i = 0; i < 200 && !answers.some((a) => a.status === 503); i += 1) {
      const big = { ...logIncident(`full-${i}`), data: { ...logIncident(`full-${i}`).data, description: 'x'.repeat(4000) } };
      answers.push(await api.http().post(`/api/cases/${caseId}/commands`).set(auth).send(big));
    }
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => a.status)).toEqual([503]);
    const [full] = refused;
    expect(full!.headers['content-type']).toContain('application/problem+json');
    expect(full!.body).toMatchObject({ status: 503, code: expect.any(String), title: expect.any(String), type: expect.any(String) });
    expect(Number(full!.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(full!.body)).not.toContain(mountPoint); // no internals
    // Opening a case is refused the same way; reads still work.
    const open = await api.http().post('/api/cases').set(auth).send(asbReport());
    expect([201, 503]).toContain(open.status);
    const during = await api.http().get(`/api/cases/${caseId}/history`).set(auth);
    expect(during.status).toBe(200);
    expect((await ready()).status).toBe(503);

    rmSync(filler);
    const again = await api.http().post(`/api/cases/${caseId}/commands`).set(auth).send(logIncident('after'));
    expect(again.status).toBe(200);
    expect(await ready()).toEqual({ status: 200, store: { adapter: 'sqlite', status: 'up' } });
    const after = await api.http().get(`/api/cases/${caseId}/history`).set(auth);
    const ids = (body: unknown) => JSON.stringify(body).match(/"eventId":"[^"]+"/g) ?? [];
    // Everything written before is still there, in order, followed by the accepted commands only.
    expect(ids(after.body).slice(0, ids(before.body).length)).toEqual(ids(before.body));
    const accepted = answers.filter((a) => a.status === 200).length;
    expect(JSON.stringify(after.body)).not.toContain(`full-${answers.length - 1}"`);
    await api.close();
    api = undefined;

    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const logged = db.prepare("SELECT count(*) AS n FROM events WHERE stream_id = ? AND type = 'IncidentLogged'").get(caseId) as { n: number };
      // The report's own first incident, the five before, those accepted while filling, and the one after.
      expect(logged.n).toBe(1 + 5 + accepted + 1);
    } finally {
      db.close();
    }
  });
});
