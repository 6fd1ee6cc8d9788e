import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@casetrail/shared';
import { ApiModule } from '../../apps/api/src/api.module';
import { mintToken } from '../../apps/api/src/auth/token-minter';
import { Principal } from '../../apps/api/src/auth/principal';
import { CLOCK } from '../../apps/api/src/clock';
import { configureApp } from '../../apps/api/src/configure-app';
import { EmbeddedDeadlinesHost } from '../../apps/api/src/deadlines/embedded-deadlines.host';
import { createTestSchema } from './services';
import { captureLog } from './captured-logs';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
/** PostgreSQL requires a master key for subjects' keys (docs/privacy.md); SQLite makes its own file. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x5a).toString('base64');

export type StoreKind = 'sqlite' | 'postgres';

export interface TestApi {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** The clock the API stamps commands with; tests move it. */
  clock: { now: Date };
  token(principal: Partial<Principal> & Pick<Principal, 'role'>): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  logs?: string[];
  env?: Record<string, string>;
  /**
   * 'armed' runs the embedded scheduler as it ships. The default, 'idle', builds it but never
   * starts it: tests that move the clock send ExpireDeadline themselves, and a timer firing the
   * same deadline in the background would race them (a 412 on their If-Match).
   */
  deadlines?: 'armed' | 'idle';
}

/** The embedded scheduler, built but never started (see StartOptions.deadlines). */
class IdleDeadlinesHost extends EmbeddedDeadlinesHost {
  override async onApplicationBootstrap(): Promise<void> {}
}

/** The API as it ships (same module, same configureApp), on a fresh SQLite file or PostgreSQL schema. */
export async function startTestApi(kind: StoreKind, at = '2026-03-02T10:00:00.000Z', options: StartOptions = {}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-api-'));
  const schema = kind === 'postgres' ? await createTestSchema('api') : undefined;
  const config = loadConfig({
    CASETRAIL_STORE: kind,
    CASETRAIL_SQLITE_PATH: join(dir, 'casetrail.db'),
    ...(schema ? { CASETRAIL_PG_URL: schema.url, CASETRAIL_MASTER_KEY: TEST_MASTER_KEY } : {}),
    CASETRAIL_JWT_SECRET: SECRET,
    // Every API logs during tests: global teardown scans all of it for personal data (captured-logs.ts).
    CASETRAIL_LOG_LEVEL: options.logs ? 'trace' : 'info',
    CASETRAIL_POLICY_DIR: process.env.CASETRAIL_POLICY_DIR,
    ...options.env,
  });
  const clock = { now: new Date(at) };
  const destination = {
    write: (line: string) => {
      captureLog(line);
      options.logs?.push(line);
    },
  };
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config, destination)] })
    .overrideProvider(CLOCK)
    .useValue(() => clock.now)
    .overrideProvider(EmbeddedDeadlinesHost)
    .useClass(options.deadlines === 'armed' ? EmbeddedDeadlinesHost : IdleDeadlinesHost)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false, bufferLogs: true });
  if (options.logs) app.useLogger(app.get(Logger));
  configureApp(app);
  await app.init();
  return {
    app,
    http: () => request(app.getHttpServer()),
    clock,
    token: ({ role, userId = `${role}-1`, agency = 'tmbc', daAccess = false }) =>
      mintToken({ userId, role, agency, daAccess }, { secret: new TextEncoder().encode(SECRET), issuer: config.CASETRAIL_JWT_ISSUER, expiresIn: '1h' }),
    async close() {
      await app.close();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
