import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@casetrail/event-store';
import { createDatabase } from '@casetrail/persistence';
import { queryPartnershipReport } from '@casetrail/projections';
import { CasetrailConfig, loadConfig } from '@casetrail/shared';
import { reportCommand } from '../../apps/cli/src/commands/report.command';
import { Casework, scratchDirectory } from '../support/year-generator-casework';
import { PUBLISHED_YEAR, scriptPublishedYear } from '../support/year-generator-published';

describe('npm run cli -- report', () => {
  let dir: string;
  let store: SqliteEventStore;
  let config: CasetrailConfig;

  beforeAll(async () => {
    dir = scratchDirectory('casetrail-cli-report-');
    config = loadConfig({ CASETRAIL_STORE: 'sqlite', CASETRAIL_SQLITE_PATH: join(dir, 'casetrail.db') });
    store = new SqliteEventStore({ path: config.CASETRAIL_SQLITE_PATH });
    await store.init();
    await scriptPublishedYear(new Casework(store));
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function report(args: string[]) {
    const lines: string[] = [];
    const code = await reportCommand.run(args, { store, config, out: (line) => lines.push(line) });
    return { code, lines };
  }

  it('brings the read model up to date and prints the figures as CSV rows', async () => {
    const { code, lines } = await report(['--from', PUBLISHED_YEAR.from, '--to', PUBLISHED_YEAR.to, '--format', 'csv']);
    expect(code).toBe(0);
    expect(lines[0]).toBe('section,measure,dimension,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'asb,casesOpened,,84',
        'cpwCpn,cpwsIssued,,8',
        'cpwCpn,cpnsIssued,,4',
        'cpwCpn,prosecutions.chargesProved,,5',
        'cpwCpn,prosecutions.fines.pence,,50000',
        'cpwCpn,prosecutions.fines.gbp,,500.00',
        'cpwCpn,prosecutions.costs.gbp,,85.00',
        'cpwCpn,prosecutions.victimSurcharge.gbp,,30.00',
        'communityTrigger,thresholdNotMet,,2',
        'domesticAbuse,referrals.total,,276',
        'domesticAbuse,referrals.byRiskLevel,high,28',
        'domesticAbuse,referrals.byVictimGender,male,8',
        'domesticAbuse,previousYear.referrals.total,,245',
        'mediation,byType,parent-and-teen,7',
      ]),
    );
  });

  it('prints the same report as JSON as the API query returns', async () => {
    const { code, lines } = await report(['--from', '2025-07-01', '--to', '2025-09-30']);
    expect(code).toBe(0);
    const db = createDatabase({ dialect: 'sqlite', path: config.CASETRAIL_SQLITE_PATH });
    try {
      const expected = await queryPartnershipReport(db, { from: '2025-07-01', to: '2025-09-30' });
      expect(JSON.parse(lines.join('\n'))).toEqual(expected);
      expect(expected.asb.casesOpened).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
  });

  it.each([
    ['no --from', ['--to', '2026-03-31'], /^report: --from must be a calendar date/],
    ['a date that does not exist', ['--from', '2025-02-29', '--to', '2026-03-31'], /^report: --from must be a calendar date/],
    ['--from after --to', ['--from', '2026-04-01', '--to', '2026-03-31'], /^report: --from must be on or before to \(2026-03-31\)/],
    ['an unknown format', ['--from', '2025-04-01', '--to', '2026-03-31', '--format', 'xml'], /^report: --format must be json or csv/],
    ['an unknown flag', ['--from', '2025-04-01', '--to', '2026-03-31', '--pdf'], /^report: Unknown option '--pdf'.*Usage: report/],
  ])('refuses %s with exit code 64, naming what to fix', async (_name, args, message) => {
    const { code, lines } = await report(args);
    expect(code).toBe(64);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
