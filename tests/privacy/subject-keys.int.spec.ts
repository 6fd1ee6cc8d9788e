import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { z } from 'zod';
import { SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, CasetrailTables, createDatabase, migrateTables } from '@casetrail/persistence';
import {
  completePendingErasures,
  EncryptingEventStore,
  ERASED,
  eraseSubject,
  ErasureCheckpoint,
  KeyWrapper,
  resolveMasterKey,
  SqlSubjectKeyStore,
  SubjectErasedError,
  subjectIdOf,
  SubjectKeyStore,
  subjectStreamId,
} from '@casetrail/privacy';
import { personal } from '@casetrail/workflow';
import { ConfigError, loadConfig } from '@casetrail/shared';
import { createTestSchema, describeWithPostgres, TestSchema } from '../support/services';

const CASE_ID = 'asb-3f0c2a4e-8d5b-4b7a-9c1e-2f6d8a9b0c11';
const NOW = '2026-03-02T10:00:00.000Z';
const subject = (slot: string, n: number) => ({ subjectId: `00000000-0000-5000-8000-00000000000${n}`, caseId: CASE_ID, slot });

describe('the master key (CASETRAIL_MASTER_KEY)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-master-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on the embedded default without the variable, is created once beside the database, readable by its owner only', () => {
    const config = loadConfig({ CASETRAIL_SQLITE_PATH: join(dir, 'casetrail.db') });
    const first = resolveMasterKey(config);
    expect(first).toMatchObject({ origin: 'file-created', file: join(dir, 'casetrail.db.master-key') });
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    const again = resolveMasterKey(config);
    expect(again.origin).toBe('file');
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('stops start-up naming the variable: a bad value, a bad key file, PostgreSQL without it', () => {
    expect(() => loadConfig({ CASETRAIL_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/CASETRAIL_MASTER_KEY must be the base64 of 32 random bytes/);
    const file = join(dir, 'bad.db.master-key');
    writeFileSync(file, 'not a key');
    expect(() => resolveMasterKey(loadConfig({ CASETRAIL_SQLITE_PATH: join(dir, 'bad.db') }))).toThrow(ConfigError);
    expect(() => resolveMasterKey(loadConfig({ CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: 'postgres://x@127.0.0.1/db' }))).toThrow(
      /CASETRAIL_MASTER_KEY is required when CASETRAIL_STORE=postgres/,
    );
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(resolveMasterKey(loadConfig({ CASETRAIL_STORE: 'postgres', CASETRAIL_PG_URL: 'postgres://x@127.0.0.1/db', CASETRAIL_MASTER_KEY: key })).key.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('not a key');
  });
});

function keyStoreSuite(open: () => Promise<{ db: CasetrailDatabase; close(): Promise<void> }>) {
  let db: CasetrailDatabase;
  let close: () => Promise<void>;
  let keys: SqlSubjectKeyStore;

  beforeAll(async () => {
    ({ db, close } = await open());
    await migrateTables(db);
    keys = new SqlSubjectKeyStore(db, new KeyWrapper(Buffer.alloc(32, 3)));
  });
  afterAll(() => close());

  it('creates a key once per subject, even when two writers ask at once, and stores it wrapped', async () => {
    const [a, b] = await Promise.all([keys.ensure([subject('victims[0]', 1)], NOW), keys.ensure([subject('victims[0]', 1), subject('location', 2)], NOW)]);
    const key1 = a.get(subject('victims[0]', 1).subjectId)!;
    expect(key1).toEqual(b.get(subject('victims[0]', 1).subjectId));
    expect(key1.state).toBe('live');
    const row = await db.selectFrom('subject_keys').selectAll().where('subject_id', '=', subject('victims[0]', 1).subjectId).executeTakeFirstOrThrow();
    expect(row.wrapped_key).toMatch(/^v1\./);
    expect(row.wrapped_key).not.toContain(key1.state === 'live' ? key1.key.toString('base64') : 'x');
    expect((await keys.subjectsOfCase(CASE_ID)).map((s) => s.slot).sort()).toEqual(['location', 'victims[0]']);
  });

  it('destroys a key once, keeps the record as proof, and never recreates it', async () => {
    const { subjectId } = subject('location', 2);
    expect(await keys.destroy(subjectId, NOW)).toBe(true);
    expect(await keys.destroy(subjectId, NOW)).toBe(false);
    expect((await keys.keys([subjectId])).get(subjectId)).toEqual({ state: 'destroyed' });
    expect((await keys.ensure([subject('location', 2)], NOW)).get(subjectId)).toEqual({ state: 'destroyed' });
    expect(await keys.subject(subjectId)).toMatchObject({ slot: 'location', destroyedAt: NOW });
    expect(await keys.destroy('00000000-0000-5000-8000-00000000000f', NOW)).toBe(false);
  });
}

describe('subject keys on SQLite', () => {
  keyStoreSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-keys-'));
    const db = createDatabase({ dialect: 'sqlite', path: join(dir, 'casetrail.db') });
    return { db, close: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
  });
});

describeWithPostgres('subject keys on PostgreSQL', () => {
  let schema: TestSchema;
  keyStoreSuite(async () => {
    schema = await createTestSchema('keys');
    const db = createDatabase({ dialect: 'postgres', connectionString: schema.url });
    return { db, close: async () => (await db.destroy(), await schema.drop()) };
  });
});

describe('an erasure interrupted between recording and destroying', () => {
  it('rule ERASURE_COMPLETES_AFTER_CRASH: the start-up sweep destroys the key of every recorded SubjectErased', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-sweep-'));
    const store = new SqliteEventStore({ path: join(dir, 'casetrail.db') });
    const db = createDatabase({ dialect: 'sqlite', path: join(dir, 'casetrail.db') });
    try {
      await store.init();
      await migrateTables(db);
      const keys = new SqlSubjectKeyStore(db, new KeyWrapper(Buffer.alloc(32, 4)));
      const target = subject('victims[0]', 1);
      await keys.ensure([target], NOW);
      // The process dies after SubjectErased is recorded, before the key is destroyed.
      const crashing: SubjectKeyStore = Object.assign(Object.create(keys) as SqlSubjectKeyStore, {
        destroy: () => Promise.reject(new Error('power cut')),
      });
      const request = { subjectId: target.subjectId, reason: 'Art. 17', actor: { id: 'admin-1', role: 'admin' as const, agency: 'tmbc' }, commandId: 'c-1', correlationId: 'r-1', occurredAt: NOW };
      await expect(eraseSubject(store, crashing, request)).rejects.toThrow('power cut');
      expect((await store.readStream(subjectStreamId(target.subjectId))).map((e) => e.type)).toEqual(['SubjectErased']);
      expect((await keys.keys([target.subjectId])).get(target.subjectId)?.state).toBe('live');

      let position = 0;
      const checkpoint: ErasureCheckpoint = { read: async () => position, write: async (p) => void (position = p) };
      expect(await completePendingErasures(store, keys, checkpoint)).toBe(1);
      expect((await keys.keys([target.subjectId])).get(target.subjectId)).toEqual({ state: 'destroyed' });
      expect(position).toBe(await store.headPosition());
      expect(await completePendingErasures(store, keys, checkpoint)).toBe(0);
      // A retry of the same command answers from the record and finds the key gone.
      expect(await eraseSubject(store, keys, request)).toMatchObject({ duplicate: true, erasure: { subjectId: target.subjectId } });
    } finally {
      await store.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writing about an erased subject', () => {
  it('rule NO_NEW_DATA_FOR_ERASED_SUBJECT: new personal data is refused and nothing is written; "[erased]" carried forward is kept shredded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-erased-write-'));
    const raw = new SqliteEventStore({ path: join(dir, 'casetrail.db') });
    const db = createDatabase({ dialect: 'sqlite', path: join(dir, 'casetrail.db') });
    try {
      await raw.init();
      await migrateTables(db);
      const keys = new SqlSubjectKeyStore(db, new KeyWrapper(Buffer.alloc(32, 5)));
      const store = new EncryptingEventStore(raw, keys, () => ({ Noted: z.object({ name: personal(z.string()), n: z.number() }) }));
      const metadata = { actorId: 'a', actorRole: 'caseworker', agency: 'tmbc', correlationId: 'c', causationId: 'c', commandId: 'c', occurredAt: NOW };
      const event = (id: string, name: string) => ({ eventId: id, type: 'Noted', schemaVersion: 1, data: { name, n: 1 }, metadata });
      await store.append(CASE_ID, [event('11111111-1111-4111-8111-111111111111', 'Jane Doe')], 'no_stream');
      await keys.destroy(subjectIdOf(CASE_ID, 'case'), NOW);

      await expect(store.append(CASE_ID, [event('22222222-2222-4222-8222-222222222222', 'Jane Doe')], 0)).rejects.toThrow(SubjectErasedError);
      expect(await raw.streamRevision(CASE_ID)).toBe(0);

      await store.append(CASE_ID, [event('33333333-3333-4333-8333-333333333333', ERASED)], 0);
      const stored = await raw.readStream(CASE_ID);
      expect(stored[1]!.data).toEqual({ name: { $pii: 1, s: subjectIdOf(CASE_ID, 'case') }, n: 1 });
      expect((await store.readStream(CASE_ID)).map((e) => e.data)).toEqual([
        { name: ERASED, n: 1 },
        { name: ERASED, n: 1 },
      ]);
    } finally {
      await raw.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('creating a key on SQLite (ADR 0009: no fsync of its own)', () => {
  it('inserts with synchronous = NORMAL on its connection and puts FULL back, so only the events that use the key pay the fsync', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-keyfsync-'));
    const database = new Database(join(dir, 'casetrail.db'));
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    const statements: string[] = [];
    const db: CasetrailDatabase = new Kysely<CasetrailTables>({ dialect: new SqliteDialect({ database }), log: (event) => void statements.push(event.query.sql) });
    try {
      await migrateTables(db);
      const keys = new SqlSubjectKeyStore(db, new KeyWrapper(Buffer.alloc(32, 7)));
      statements.length = 0;
      const made = await keys.ensure([subject('victim', 1)], NOW);
      expect(made.get(subject('victim', 1).subjectId)?.state).toBe('live');
      const around = statements.filter((s) => /PRAGMA synchronous|insert into "subject_keys"/i.test(s));
      expect(around).toEqual(['PRAGMA synchronous', 'PRAGMA synchronous = NORMAL', expect.stringMatching(/^insert into "subject_keys"/), 'PRAGMA synchronous = 2']);
      expect(database.pragma('synchronous', { simple: true })).toBe(2);
      // A known subject writes nothing.
      statements.length = 0;
      await keys.ensure([subject('victim', 1)], NOW);
      expect(statements.filter((s) => /^insert|PRAGMA synchronous/i.test(s))).toEqual([]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
