import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asbReport } from '../e2e/api-fixtures';
import { startTestApi, StoreKind, TEST_MASTER_KEY, TestApi } from '../support/api-app';
import { createTestSchema, describeWithPostgres, TestSchema } from '../support/services';
import { captureLog } from '../support/captured-logs';

const ROOT = join(__dirname, '..', '..');

/**
 * CASETRAIL_PROJECTIONS=worker: the worker process runs the read models and the API only follows
 * their checkpoints, so `consistentWith` still means "the read model includes my write".
 */
function workerSuite(kind: StoreKind) {
  let api: TestApi;
  let schema: TestSchema | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    schema = kind === 'postgres' ? await createTestSchema('worker') : undefined;
    env = schema
      ? // PostgreSQL requires the master key that wraps subjects' keys (docs/privacy.md).
        { CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: schema.url, CASETRAIL_MASTER_KEY: TEST_MASTER_KEY }
      : { CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'casetrail-worker-')), 'casetrail.db') };
    api = await startTestApi(kind, undefined, { env: { ...env, CASETRAIL_PROJECTIONS: 'worker' } });
  });
  afterAll(async () => {
    await api.close();
    await schema?.drop();
  });

  it('serves the case list from what the worker applied', async () => {
    const token = await api.token({ role: 'caseworker' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send(asbReport());
    expect(opened.status).toBe(201);
    // No worker yet: nothing moves the read model, and the API does not apply events itself.
    const behind = await api.http().get(`/api/cases?consistentWith=${opened.body.position}`).set('Authorization', `Bearer ${token}`);
    expect(behind.status).toBe(503);

    const worker = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, CASETRAIL_PROJECTIONS: 'worker', CASETRAIL_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Its log lines go to the run's log scan (tests/support/captured-logs.ts).
    worker.stdout!.on('data', (chunk: Buffer) => captureLog(chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => captureLog(chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => worker.on('exit', (code, signal) => resolve(signal ?? code)));
    try {
      let listed = behind;
      // The worker needs a few seconds to start; each try waits up to 2 s for the read model.
      for (let attempt = 0; attempt < 15 && listed.status !== 200; attempt += 1) {
        listed = await api.http().get(`/api/cases?consistentWith=${opened.body.position}`).set('Authorization', `Bearer ${token}`);
      }
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([opened.body.caseId]);
    } finally {
      worker.kill('SIGTERM');
      // Nest closes the app (runners stop, locks released) and re-raises the signal.
      expect(await exited).toBe('SIGTERM');
    }
  }, 60_000);
}

describe('projections run by the worker, on SQLite', () => workerSuite('sqlite'));
describeWithPostgres('projections run by the worker, on PostgreSQL', () => workerSuite('postgres'));
