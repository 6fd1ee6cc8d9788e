import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { loadConfig } from '@casetrail/shared';
import { cliStoreFor } from '../../apps/cli/src/cli-store';
import { replayCommand } from '../../apps/cli/src/commands/replay.command';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command';
import { startTestApi, TEST_MASTER_KEY, TestApi } from '../support/api-app';
import { CaseStates } from '@casetrail/workflow';
import { CASE_STATES } from '../../apps/api/src/privacy/privacy.tokens';
import { createTestSchema, describeWithPostgres, testPgUrl, TestSchema } from '../support/services';

/**
 * Proof of erasure (issue 7): a person's name, date of birth and address, sent through the real
 * API, are never stored in the clear; the API shows them until EraseSubject, "[erased]" after;
 * and after it nothing in the database's files (SQLite file and WAL) or in a pg_dump holds them,
 * while `verify` still finds every chain intact and `replay --all` no difference.
 */
const NAME = { givenName: 'Zebediah', familyName: 'Quillfeather-Oyelaran' };
const DATE_OF_BIRTH = '1967-08-29';
const ADDRESS = '77 Wisteria Crescent, Snodland';
const NEEDLES = [NAME.familyName, DATE_OF_BIRTH, ADDRESS, 'Quillfeather'];

const report = (familyName: string) => ({
  type: 'asb',
  data: {
    reportingAgency: 'tmbc',
    category: 'noise',
    victims: [{ kind: 'person', givenName: NAME.givenName, familyName, contact: { phone: '07700 900461' } }],
    location: { address: ADDRESS },
    perpetrators: [{ perpetratorId: 'p1', givenName: 'Ottoline', familyName: 'Brackenbury-Vance', dateOfBirth: DATE_OF_BIRTH }],
    firstIncident: { incidentId: 'i1', behaviourDate: '2026-02-27', reportedDate: '2026-03-01', description: `${NAME.givenName} ${familyName} reports drumming` },
  },
});

/** A domestic-abuse referral (restricted): only its victim is erased, its perpetrator stays. */
const DA_VICTIM = { name: 'Philippa Nightingale-Okonkwo', dateOfBirth: '1984-11-03', address: '9 Larkspur Mews, Aylesford' };
const DA_NEEDLES = ['Nightingale-Okonkwo', DA_VICTIM.dateOfBirth, 'Larkspur Mews'];
const daReferral = {
  type: 'da-referral',
  data: {
    source: 'police',
    referringAgency: 'kent-police',
    victim: { ...DA_VICTIM, gender: 'female' },
    perpetrator: { name: 'Barnaby Quist-Holloway', relationshipToVictim: 'current-partner' },
    childrenInHousehold: 0,
    incidentsInLast12Months: 1,
  },
};

type Kind = 'sqlite' | 'postgres';

function proofOfErasure(kind: Kind) {
  let api: TestApi;
  let dir: string;
  let schema: TestSchema | undefined;
  let env: Record<string, string>;
  let admin: string;
  let caseworker: string;
  let caseId: string;
  let otherCaseId: string;
  let otherRepeats: { caseId: string }[];
  let daCaseId: string;
  let daReader: string;
  const daAdminToken = () => api.token({ role: 'admin', agency: 'tmbc', daAccess: true });
  let before: { revision: number; stage: unknown };
  let wrappedKeys: string[];

  /** The case's subjects' keys as the key table holds them (wrapped), read straight from the database. */
  const storedWrappedKeys = async (): Promise<string[]> => {
    if (kind === 'sqlite') {
      const db = new Database(join(dir, 'casetrail.db'), { readonly: true });
      try {
        return (db.prepare('SELECT wrapped_key FROM subject_keys WHERE case_id = ?').all(caseId) as { wrapped_key: string }[]).map((r) => r.wrapped_key);
      } finally {
        db.close();
      }
    }
    const client = new Client({ connectionString: schema!.url });
    await client.connect();
    try {
      return (await client.query('SELECT wrapped_key FROM subject_keys WHERE case_id = $1', [caseId])).rows.map((r) => r.wrapped_key as string);
    } finally {
      await client.end();
    }
  };

  /** Every byte the database holds for this test: the SQLite file and its WAL, or a pg_dump of the schema. */
  const databaseBytes = (): string => {
    if (kind === 'sqlite') {
      const file = join(dir, 'casetrail.db');
      return [file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path).toString('latin1')).join('\n');
    }
    return execFileSync('pg_dump', ['--no-owner', '-n', schema!.schema, testPgUrl()], { encoding: 'latin1', maxBuffer: 512 * 1024 * 1024 });
  };

  const cli = async (command: typeof verifyCommand, args: string[]) => {
    const config = loadConfig(env);
    const lines: string[] = [];
    const { store, close } = await cliStoreFor(command.name, config);
    try {
      return { code: await command.run(args, { store, config, out: (line) => lines.push(line) }), lines };
    } finally {
      await close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-erasure-'));
    schema = kind === 'postgres' ? await createTestSchema('erasure') : undefined;
    env = {
      CASETRAIL_STORE: kind,
      CASETRAIL_SQLITE_PATH: join(dir, 'casetrail.db'),
      ...(schema ? { CASETRAIL_PG_URL: schema.url, CASETRAIL_MASTER_KEY: TEST_MASTER_KEY } : {}),
    };
    api = await startTestApi(kind, '2026-03-02T10:00:00.000Z', { env });
    admin = await api.token({ role: 'admin' });
    caseworker = await api.token({ role: 'caseworker' });
    const opened = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).send(report(NAME.familyName)).expect(201);
    caseId = opened.body.caseId;
    // A command whose response (kept for Idempotency-Key replays) lists its events' personal data.
    await api
      .http()
      .post(`/api/cases/${caseId}/commands`)
      .set('Authorization', `Bearer ${caseworker}`)
      .set('Idempotency-Key', 'incident-2')
      .send({ type: 'LogIncident', data: { incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: `Drumming again at ${ADDRESS}`, reportingAgency: 'tmbc' } })
      .expect(200);
    const other = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).send(report('Untouched-Person')).expect(201);
    otherCaseId = other.body.caseId;
    otherRepeats = other.body.repeatMatches ?? [];
    daReader = await api.token({ role: 'caseworker', agency: 'kent-police', daAccess: true });
    daCaseId = (await api.http().post('/api/cases').set('Authorization', `Bearer ${daReader}`).send(daReferral).expect(201)).body.caseId;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the person through the API before erasure, yet stores none of their data in the clear', async () => {
    const view = await api.http().get(`/api/cases/${caseId}`).set('Authorization', `Bearer ${caseworker}`).expect(200);
    expect(JSON.stringify(view.body)).toContain(NAME.familyName);
    before = { revision: view.body.revision, stage: view.body.summary?.stage ?? view.body.stage };
    wrappedKeys = await storedWrappedKeys();
    expect(wrappedKeys).toHaveLength(5);
    const bytes = databaseBytes();
    // The search finds what is there: the keys, wrapped, before they are destroyed.
    for (const wrapped of wrappedKeys) expect(bytes).toContain(wrapped.split('.')[2]);
    expect(bytes).toContain(caseId); // the search does see the database's contents
    for (const needle of [...NEEDLES, ...DA_NEEDLES]) expect({ needle, found: bytes.includes(needle) }).toEqual({ needle, found: false });
    // The referral's state keeps no names; its audit pack lists the events, data included.
    const pack = await api.http().get(`/api/cases/${daCaseId}/audit-pack`).set('Authorization', `Bearer ${await daAdminToken()}`).expect(200);
    expect(JSON.stringify(pack.body)).toContain('Nightingale-Okonkwo');
  });

  it('erases one person of a restricted case, for an admin who may see it; others get the 404 of no case', async () => {
    const outsider = await api.token({ role: 'admin', agency: 'elsewhere' });
    const hidden = await api.http().get(`/api/admin/cases/${daCaseId}/subjects`).set('Authorization', `Bearer ${outsider}`).expect(404);
    expect(hidden.body.code).toBe('CASE_NOT_FOUND');
    const daAdmin = await daAdminToken();
    const { body } = await api.http().get(`/api/admin/cases/${daCaseId}/subjects`).set('Authorization', `Bearer ${daAdmin}`).expect(200);
    const victim = (body.subjects as { subjectId: string; slot: string }[]).find((s) => s.slot === 'victim')!;
    expect(body.subjects.map((s: { slot: string }) => s.slot).sort()).toEqual(['perpetrator', 'victim']);
    const refused = await api.http().post(`/api/admin/subjects/${victim.subjectId}/erasure`).set('Authorization', `Bearer ${outsider}`).send({ reason: 'x' }).expect(404);
    expect(refused.body.code).toBe('SUBJECT_NOT_FOUND');
    // The command path keeps the cases it wrote, decrypted; a destroyed key must not outlive them.
    const keptStates = api.app.get<CaseStates>(CASE_STATES);
    expect(keptStates.size).toBeGreaterThan(0);
    await api.http().post(`/api/admin/subjects/${victim.subjectId}/erasure`).set('Authorization', `Bearer ${daAdmin}`).send({ reason: 'Art. 17 request DPO-2026-0413' }).expect(200);
    expect(keptStates.size).toBe(0);
    const pack = await api.http().get(`/api/cases/${daCaseId}/audit-pack`).set('Authorization', `Bearer ${daAdmin}`).expect(200);
    expect(pack.body.verification).toMatchObject({ intact: true });
    const text = JSON.stringify(pack.body);
    for (const needle of DA_NEEDLES) expect(text).not.toContain(needle);
    expect(text).toContain('[erased]');
    expect(text).toContain('Barnaby Quist-Holloway');
  });

  it('lists the case\'s subjects to admins only, with slots and no personal data', async () => {
    await api.http().get(`/api/admin/cases/${caseId}/subjects`).set('Authorization', `Bearer ${caseworker}`).expect(403);
    const res = await api.http().get(`/api/admin/cases/${caseId}/subjects`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.subjects.map((s: { slot: string }) => s.slot).sort()).toEqual(['incident:i1', 'incident:i2', 'location', 'perpetrator:p1', 'victims[0]']);
    expect(JSON.stringify(res.body)).not.toContain('Quillfeather');
  });

  it('refuses EraseSubject to non-admins and bad input as problem+json naming the field', async () => {
    const { body } = await api.http().get(`/api/admin/cases/${caseId}/subjects`).set('Authorization', `Bearer ${admin}`);
    const subjectId = body.subjects[0].subjectId;
    const forbidden = await api.http().post(`/api/admin/subjects/${subjectId}/erasure`).set('Authorization', `Bearer ${caseworker}`).send({ reason: 'x' }).expect(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    const noReason = await api.http().post(`/api/admin/subjects/${subjectId}/erasure`).set('Authorization', `Bearer ${admin}`).send({}).expect(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const badId = await api.http().post('/api/admin/subjects/not-a-uuid/erasure').set('Authorization', `Bearer ${admin}`).send({ reason: 'x' }).expect(400);
    expect(badId.body.errors[0].path).toBe('path.subjectId');
    await api.http().post('/api/admin/subjects/00000000-0000-4000-8000-000000000000/erasure').set('Authorization', `Bearer ${admin}`).send({ reason: 'x' }).expect(404);
  });

  it('erases every subject of the case: SubjectErased recorded once, retries answered from it', async () => {
    const { body } = await api.http().get(`/api/admin/cases/${caseId}/subjects`).set('Authorization', `Bearer ${admin}`);
    for (const { subjectId, slot } of body.subjects as { subjectId: string; slot: string }[]) {
      const send = () =>
        api.http().post(`/api/admin/subjects/${subjectId}/erasure`).set('Authorization', `Bearer ${admin}`).set('Idempotency-Key', `erase-${subjectId}`).send({ reason: 'Art. 17 request DPO-2026-0412' });
      const first = await send().expect(200);
      expect(first.body).toMatchObject({ subjectId, slot, caseIds: [caseId], reason: 'Art. 17 request DPO-2026-0412', erasedAt: '2026-03-02T10:00:00.000Z' });
      const retry = await send().expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.position).toBe(first.body.position);
      const again = await api.http().post(`/api/admin/subjects/${subjectId}/erasure`).set('Authorization', `Bearer ${admin}`).send({ reason: 'again' }).expect(409);
      expect(again.body.code).toBe('SUBJECT_ALREADY_ERASED');
    }
  });

  it('shows "[erased]" where the data was, in the case, its history, the audit pack and a replayed response; other facts intact', async () => {
    const auth = ['Authorization', `Bearer ${admin}`] as const;
    const view = await api.http().get(`/api/cases/${caseId}`).set(...auth).expect(200);
    const text = JSON.stringify(view.body);
    expect(text).toContain('[erased]');
    for (const needle of NEEDLES) expect(text).not.toContain(needle);
    // Nothing was appended to the case, and what is not personal (its stage) replays unchanged.
    expect({ revision: view.body.revision, stage: view.body.summary?.stage ?? view.body.stage }).toEqual(before);
    expect(before.stage).toEqual(expect.any(String));
    const history = await api.http().get(`/api/cases/${caseId}/history`).set(...auth).expect(200);
    expect(JSON.stringify(history.body)).not.toContain('Quillfeather');
    // The timeline says whose data was erased, when, by whom and why.
    const erasures = (history.body.timeline as { kind: string; slot: string; reason: string; actor: { role: string } }[]).filter((entry) => entry.kind === 'erasure');
    expect(erasures.length).toBe((await api.http().get(`/api/admin/cases/${caseId}/subjects`).set(...auth)).body.subjects.length);
    expect(erasures[0]).toMatchObject({ reason: 'Art. 17 request DPO-2026-0412', actor: { role: 'admin' }, slot: expect.any(String) });
    const pack = await api.http().get(`/api/cases/${caseId}/audit-pack`).set(...auth).expect(200);
    expect(JSON.stringify(pack.body)).not.toContain('Quillfeather');
    expect(JSON.stringify(pack.body)).toContain('[erased]');
    const replayed = await api
      .http()
      .post(`/api/cases/${caseId}/commands`)
      .set('Authorization', `Bearer ${caseworker}`)
      .set('Idempotency-Key', 'incident-2')
      .send({ type: 'LogIncident', data: { incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: `Drumming again at ${ADDRESS}`, reportingAgency: 'tmbc' } })
      .expect(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.events[0].data.description).toBe('[erased]');
    // The repeat index forgot them: the same name, address and perpetrator no longer match the
    // erased case at intake (they did before, for the other case).
    expect(otherRepeats.map((m) => m.caseId)).toContain(caseId);
    const again = await api.http().post('/api/cases').set('Authorization', `Bearer ${caseworker}`).send(report(NAME.familyName)).expect(201);
    expect((again.body.repeatMatches ?? []).map((m: { caseId: string }) => m.caseId)).not.toContain(caseId);
    // Every read model took the erasures' stream in its stride: none stopped.
    await api.http().get(`/api/cases?consistentWith=${again.body.position}`).set(...auth).expect(200);
    await api.http().get('/health/ready').expect(200);
    // The other case, and its people, are untouched.
    const other = await api.http().get(`/api/cases/${otherCaseId}`).set(...auth).expect(200);
    expect(JSON.stringify(other.body)).toContain('Untouched-Person');
  });

  it('leaves none of their data in the database files, while verify and replay --all still pass', async () => {
    const bytes = databaseBytes();
    expect(bytes).toContain(caseId);
    for (const needle of [...NEEDLES, ...DA_NEEDLES]) expect({ needle, found: bytes.includes(needle) }).toEqual({ needle, found: false });
    // Nor the destroyed keys: zeroed in the file (secure_delete) and gone from the WAL (checkpointed).
    expect(await storedWrappedKeys()).toEqual([null, null, null, null, null]);
    for (const wrapped of wrappedKeys) expect({ key: wrapped.slice(0, 12), found: bytes.includes(wrapped.split('.')[2]!) }).toEqual({ key: wrapped.slice(0, 12), found: false });
    const verified = await cli(verifyCommand, []);
    expect(verified.lines.at(-1)).toMatch(/every chain intact/);
    expect(verified.code).toBe(0);
    const replayed = await cli(replayCommand, ['--all']);
    expect(replayed.lines.at(-1)).toMatch(/no differences/);
    expect(replayed.code).toBe(0);
  });
}

describe('proof of erasure on SQLite', () => proofOfErasure('sqlite'));
describeWithPostgres('proof of erasure on PostgreSQL', () => proofOfErasure('postgres'));
