import { Kysely } from 'kysely';
import { RecordedEvent, SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';
import { Actor, DomainCommand } from '@casetrail/workflow';
import { CASE_TYPES } from '@casetrail/cases';
import { Casework } from '../../../../tests/support/year-generator-casework';
import { caseTypeOfStream } from '../runner/case-type-of-stream';
import { liveTableNames } from '../runner/table-names';
import { TableNames } from '../projection';
import { PartnershipReportProjection } from './partnership-report.projection';
import { queryPartnershipReport } from './partnership-report.query';
import { PartnershipReportTables } from './report-facts.table';

const IDVA: Actor = { id: 'idva-1', role: 'caseworker', agency: 'davss' };
const REFERRAL = 'da-referral-5b0e9c1e-2f4e-4a53-9d1f-1c2b3a4d5e6f';
const OTHER_REFERRAL = 'da-referral-6c1f0d2f-3a5f-4b64-8e2a-2d3c4b5e6f70';

const receive = (gender: string): DomainCommand => ({
  type: 'ReceiveReferral',
  data: {
    source: 'police',
    referringAgency: 'kent-police',
    victim: { name: 'Alex Example', dateOfBirth: '1990-05-17', address: '1 Example Road', gender },
    perpetrator: { name: 'Sam Example', relationshipToVictim: 'current-partner' },
    childrenInHousehold: 0,
    incidentsInLast12Months: 0,
  },
});
const assess = (yes: number): DomainCommand => ({
  type: 'AssessRisk',
  data: { tool: { name: 'safelives-dash', version: '2009' }, answers: Array.from({ length: 24 }, (_, i) => (i < yes ? 'yes' : 'no')) },
});

describe('PartnershipReportProjection (SQLite)', () => {
  let store: SqliteEventStore;
  let db: CasetrailDatabase;
  let casework: Casework;
  const projection = new PartnershipReportProjection(caseTypeOfStream(CASE_TYPES));

  beforeEach(async () => {
    // Recorded years after the facts: a report dated by the recording day would show nothing.
    store = new SqliteEventStore({ path: ':memory:', now: () => new Date('2031-01-15T12:00:00Z') });
    await store.init();
    casework = new Casework(store);
    db = createDatabase({ dialect: 'sqlite', path: ':memory:' });
    await migrateTables(db);
  });
  afterEach(async () => {
    await db.destroy();
    await store.close();
  });

  const readModel = () => db as unknown as Kysely<PartnershipReportTables>;
  async function project(events: RecordedEvent[], names: TableNames<PartnershipReportTables> = liveTableNames()): Promise<void> {
    await projection.createTables(readModel(), names);
    await readModel().transaction().execute(async (trx) => {
      for (const event of events) await projection.apply({ trx, ...names }, event);
    });
  }
  const year = { from: '2025-04-01', to: '2026-03-31' };

  it('dates a referral by its London day: 00:20 on 1 April (BST) is in the new year, though 31 March in UTC', async () => {
    await casework.send(REFERRAL, receive('male'), '2025-03-31T23:20:00.000Z', IDVA);
    await project(await store.readAll());
    const report = await queryPartnershipReport(db, year);
    expect(report.domesticAbuse.referrals).toMatchObject({ total: 1, byVictimGender: { male: 1 } });
    expect(report.domesticAbuse.previousYear.referrals.total).toBe(0);
  });

  it("counts a referral's risk level on the day it was received, though assessed in the next year", async () => {
    await casework.send(REFERRAL, receive('female'), '2026-03-31T15:00:00.000Z', IDVA);
    await casework.send(REFERRAL, assess(16), '2026-04-01T09:00:00.000Z', IDVA);
    await casework.send(OTHER_REFERRAL, receive('female'), '2026-03-30T15:00:00.000Z', IDVA);
    await project(await store.readAll());
    const { referrals } = (await queryPartnershipReport(db, year)).domesticAbuse;
    expect(referrals).toEqual({
      total: 2,
      byRiskLevel: { standard: 0, medium: 0, high: 1, 'not-assessed': 1 },
      byVictimGender: { female: 2, male: 0, 'non-binary': 0, 'not-known': 0 },
    });
    expect((await queryPartnershipReport(db, { from: '2026-04-01', to: '2027-03-31' })).domesticAbuse.referrals.total).toBe(0);
  });

  it('leaves the same rows when events are applied again (a retried batch)', async () => {
    await casework.send(REFERRAL, receive('female'), '2025-06-02T10:00:00.000Z', IDVA);
    await casework.send(REFERRAL, assess(11), '2025-06-02T11:00:00.000Z', IDVA);
    const events = await store.readAll();
    await project(events);
    const once = await readModel().selectFrom('report_facts').selectAll().orderBy('fact_id').execute();
    await project(events);
    expect(await readModel().selectFrom('report_facts').selectAll().orderBy('fact_id').execute()).toEqual(once);
    expect(once.map((f) => [f.kind, f.occurred_on, f.dimension])).toEqual(
      expect.arrayContaining([
        ['da-referral', '2025-06-02', 'female'],
        ['da-referral-risk', '2025-06-02', 'medium'],
      ]),
    );
  });

  it('counts an event whose personal fields were shredded: it reads none of them', async () => {
    await casework.send(REFERRAL, receive('female'), '2025-06-02T10:00:00.000Z', IDVA);
    const [received, ...rest] = await store.readAll();
    const data = received!.data as { victim: Record<string, unknown> };
    const shredded = { ...received!, data: { ...data, victim: { ...data.victim, name: { shredded: true }, dateOfBirth: null, address: null } } };
    await project([shredded, ...rest]);
    expect((await queryPartnershipReport(db, year)).domesticAbuse.referrals.byVictimGender.female).toBe(1);
  });

  it('writes only to the tables it is given, so a rebuild can fill shadows', async () => {
    await casework.send(REFERRAL, receive('female'), '2025-06-02T10:00:00.000Z', IDVA);
    const shadow: TableNames<PartnershipReportTables> = {
      table: (logical) => `${logical}_rebuild` as typeof logical,
      index: (logical, suffix) => `${logical}_rebuild_${suffix}`,
    };
    await projection.createTables(readModel(), liveTableNames());
    await project(await store.readAll(), shadow);
    expect(await readModel().selectFrom('report_facts').selectAll().execute()).toEqual([]);
    expect(await readModel().selectFrom(shadow.table('report_facts')).selectAll().execute()).toHaveLength(1);
  });

  it('ignores streams that are not cases', async () => {
    await store.append('import-batch-7', [{ eventId: '0b3a4c1e-2f4d-4e5a-9b6c-7d8e9f0a1b2c', type: 'ReferralReceived', schemaVersion: 1, data: {}, metadata: { actorId: 'a', actorRole: 'admin', agency: 'x', correlationId: 'c', causationId: 'c', commandId: 'c', occurredAt: '2025-06-02T10:00:00.000Z' } }], 'no_stream');
    await project(await store.readAll());
    expect(await readModel().selectFrom('report_facts').selectAll().execute()).toEqual([]);
  });
});
