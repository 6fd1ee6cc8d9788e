/**
 * `npm run bench`: every benchmark script, one after another, then the scale runs, then
 * bench/REPORT.md written from the JSON they saved (bench/report/write-report.ts).
 *
 *   npm run bench                                   borough and county, SQLite and PostgreSQL
 *   npm run bench -- --sizes borough                quicker
 *   npm run bench -- --sizes borough,county,national --stores sqlite
 *   npm run bench -- --only audit,scale             a subset (names without "bench:")
 *
 * A script that fails is recorded as failed in the report; the others still run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeReport } from './report/write-report';

const ROOT = join(__dirname, '..');
const ORDER = ['store', 'api', 'api:frameworks', 'deadlines', 'audit', 'projections', 'scale'];

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: 'borough,county' }, stores: { type: 'string', default: 'sqlite,postgres' }, only: { type: 'string' } } });
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const wanted = values.only ? values.only.split(',').map((s) => s.trim()) : ORDER;
  const runs: { script: string; present: boolean; exitCode: number | null; seconds: number; loadAverageAtStart: number[]; at?: string }[] = [];
  for (const name of ORDER.filter((n) => wanted.includes(n))) {
    const script = `bench:${name}`;
    if (!scripts[script]) {
      runs.push({ script, present: false, exitCode: null, seconds: 0, loadAverageAtStart: [] });
      process.stdout.write(`[bench] ${script}: no such npm script, skipped\n`);
      continue;
    }
    const args = ['run', script, ...(name === 'scale' ? ['--', '--sizes', values.sizes, '--stores', values.stores] : [])];
    process.stdout.write(`[bench] npm ${args.join(' ')}\n`);
    const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
    const started = Date.now();
    const result = spawnSync('npm', args, { cwd: ROOT, stdio: 'inherit' });
    runs.push({ script, present: true, exitCode: result.status, seconds: Math.round((Date.now() - started) / 100) / 10, loadAverageAtStart, at: new Date(started).toISOString() });
  }
  // Scripts not run this time keep their entry from the last run that ran them (e.g. after --only).
  const previous = existsSync(join(__dirname, 'results', 'run-latest.json'))
    ? ((JSON.parse(readFileSync(join(__dirname, 'results', 'run-latest.json'), 'utf8')) as { runs?: typeof runs }).runs ?? [])
    : [];
  const at = new Date().toISOString();
  const merged = ORDER.map((n) => runs.find((r) => r.script === `bench:${n}`) ?? previous.find((r) => r.script === `bench:${n}`)).filter((r) => r !== undefined);
  const run = { benchmark: 'run', at, sizes: values.sizes, stores: values.stores, runs: merged };
  writeFileSync(join(__dirname, 'results', 'run-latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  const path = writeReport(join(__dirname, 'results'), join(__dirname, 'REPORT.md'));
  process.stdout.write(`[bench] report in ${path}\n`);
  if (runs.some((r) => r.present && r.exitCode !== 0)) process.exitCode = 1;
}

main();
