import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@casetrail/event-store';
import { CasetrailDatabase, createDatabase, migrateTables } from '@casetrail/persistence';
import { queryPartnershipReport } from '@casetrail/projections';
import { Casework, projectPartnershipReport, scratchDirectory } from '../support/year-generator-casework';
import { PUBLISHED_YEAR, scriptPublishedYear } from '../support/year-generator-published';

describe("partnership report: DOMAIN.md's published figures, reproduced from events", () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: CasetrailDatabase;

  beforeAll(async () => {
    dir = scratchDirectory('casetrail-published-');
    const path = join(dir, 'casetrail.db');
    store = new SqliteEventStore({ path });
    await store.init();
    await scriptPublishedYear(new Casework(store));
    db = createDatabase({ dialect: 'sqlite', path });
    await migrateTables(db);
    await projectPartnershipReport(store, db);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the borough-year as its annual plan does', async () => {
    const report = await queryPartnershipReport(db, PUBLISHED_YEAR);
    expect(report.asb.casesOpened).toBe(84);
    expect(report.mediation).toEqual({ referrals: 33, byType: { neighbour: 21, 'parent-and-teen': 7, 'anger-management': 5 } });
    expect(report.cpwCpn).toMatchObject({ cpwsIssued: 8, cpnsIssued: 4, breaches: 5 });
    expect(report.cpwCpn.prosecutions).toEqual({
      started: 1,
      concluded: 1,
      byResult: { guilty: 1, 'not-guilty': 0, withdrawn: 0 },
      chargesProved: 5,
      fines: { pence: 50_000, gbp: '500.00' },
      costs: { pence: 8_500, gbp: '85.00' },
      victimSurcharge: { pence: 3_000, gbp: '30.00' },
      totalPayable: { pence: 61_500, gbp: '615.00' },
    });
    expect(report.communityTrigger).toEqual({
      applications: 2,
      thresholdMet: 0,
      thresholdNotMet: 2,
      reviewsCarriedOut: 0,
      reviewsWithRecommendations: 0,
      recommendationsMade: 0,
    });
    const { referrals, previousYear } = report.domesticAbuse;
    expect(referrals.total).toBe(276);
    expect(referrals.byRiskLevel.standard! + referrals.byRiskLevel.medium!).toBe(248);
    expect(referrals.byRiskLevel).toMatchObject({ high: 28, 'not-assessed': 0 });
    expect(referrals.byVictimGender).toEqual({ female: 268, male: 8, 'non-binary': 0, 'not-known': 0 });
    expect(previousYear).toMatchObject({ period: { from: '2024-04-01', to: '2025-03-31' }, referrals: { total: 245 } });
  });
});
