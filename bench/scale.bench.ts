/**
 * Scale runs (issue 10): histories of borough (100k events), county (1M) and national (10M) size
 * written through each adapter by scripts/scale, then append, hash-chain verification,
 * state-as-of, projection rebuild and queue query measured on them, each beside a raw driver
 * baseline of the same run. One child process per size and adapter: its peak RSS is the size's.
 *
 *   npm run bench:scale                                   borough and county, SQLite and PostgreSQL
 *   npm run bench:scale -- --sizes borough,county,national --stores sqlite
 *   npm run bench:scale -- --sizes national --keep-other-runs   national only, beside the last borough and county runs
 *
 * National is opt-in: on a 2-core machine it takes hours. Writes bench/results/scale-latest.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SIZES, SizeName } from '../scripts/scale/generate-history';
import { machineInfo } from './store/machine';

const log = (line: string) => process.stdout.write(`[bench:scale] ${line}\n`);

function runChild(size: SizeName, adapter: string, dir: string): Promise<{ result?: unknown; error?: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, join(__dirname, 'scale', 'scale-run.child.ts'), size, adapter, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      process.stdout.write(d);
    });
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      if (code === 0 && line) resolve({ result: JSON.parse(line.slice(7)), seconds });
      else resolve({ error: `exit ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}`, seconds });
    });
  });
}

interface KeptRun {
  size: string;
  adapter: string;
  [field: string]: unknown;
}

/**
 * With --keep-other-runs, the runs of the last scale-latest.json for sizes and stores this run
 * does not plan, each stamped with the run it came from (its start, machine load and commit).
 */
function keptRuns(planned: string[]): KeptRun[] {
  const file = join(__dirname, 'results', 'scale-latest.json');
  if (!existsSync(file)) return [];
  const last = JSON.parse(readFileSync(file, 'utf8')) as { startedAt: string; machine?: Record<string, unknown>; runs?: KeptRun[] };
  return (last.runs ?? [])
    .filter((run) => !planned.includes(`${run.size}/${run.adapter}`))
    .map((run) => ({
      ...run,
      fromRun: (run.fromRun as unknown) ?? { startedAt: last.startedAt, gitCommit: last.machine?.gitCommit, loadAverageAtStart: last.machine?.loadAverageAtStart },
    }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'borough,county' },
      stores: { type: 'string', default: 'sqlite,postgres' },
      'keep-other-runs': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => s.trim()) as SizeName[];
  const stores = values.stores.split(',').map((s) => s.trim());
  for (const size of sizes) if (!(size in SIZES)) throw new Error(`--sizes: unknown size ${size}; known: ${Object.keys(SIZES).join(', ')}`);
  for (const store of stores) if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--stores: unknown store ${store}; known: sqlite, postgres`);
  const startedAt = new Date();
  const machine = machineInfo();
  const planned = sizes.flatMap((size) => stores.map((adapter) => `${size}/${adapter}`));
  const kept = values['keep-other-runs'] ? keptRuns(planned) : [];
  const runs: unknown[] = [...kept];
  const sizeOrder = Object.keys(SIZES);
  // Written after every run, so a run stopped part-way (national takes hours) keeps what it measured.
  const save = () => {
    const result = {
      benchmark: 'scale',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      complete: runs.length === kept.length + planned.length,
      machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
      config: {
        sizes: sizeOrder.filter((s) => sizes.includes(s as SizeName) || kept.some((r) => r.size === s)),
        stores: [...new Set([...kept.map((r) => r.adapter), ...stores])],
        planned,
        kept: kept.map((r) => `${r.size}/${r.adapter}`),
        events: Object.fromEntries(sizeOrder.filter((s) => sizes.includes(s as SizeName) || kept.some((r) => r.size === s)).map((s) => [s, SIZES[s as SizeName]])),
      },
      method: METHOD,
      runs,
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    writeFileSync(join(__dirname, 'results', `scale-${startedAt.toISOString().replace(/:/g, '-')}.json`), json);
    writeFileSync(join(__dirname, 'results', 'scale-latest.json'), json);
  };
  for (const size of sizes) {
    for (const adapter of stores) {
      const dir = mkdtempSync(join(process.env.BENCH_SQLITE_DIR ?? tmpdir(), `casetrail-scale-${size}-`));
      log(`${size} (${SIZES[size].toLocaleString('en-GB')} events) on ${adapter}`);
      try {
        const run = await runChild(size, adapter, dir);
        runs.push({ size, adapter, seconds: run.seconds, ...(run.result ? { result: run.result } : { error: run.error }) });
        log(run.error ? `${size}/${adapter} failed: ${run.error}` : `${size}/${adapter} done in ${run.seconds} s`);
      } finally {
        if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
      }
      save();
    }
  }
  log('results in bench/results/scale-latest.json');
  if (runs.some((r) => (r as { error?: string }).error)) process.exitCode = 1;
}

const METHOD = {
  generation:
    "scripts/scale: case histories decided by each case type's own decider from scripted commands (ASB 55%, DA 20%, CPW/CPN 15%, Community Trigger 10% of cases; two in five left open), " +
    'each case with fresh ids and a hash chain sealed as the command path does, appended with the exact expected revision, in one batch per case (one case in ten in two batches recorded at different instants, for time travel).',
  append:
    'store.append of every chunk of 500 cases, against the raw driver inserting the same events into raw_events (a copy of the events table) in the same batches; alternating which goes first per chunk; ' +
    'the raw side runs on every chunk for borough, every 4th for county, every 10th for national. ratio = raw seconds ÷ adapter seconds on the sampled chunks (events/s ratio, higher is better; issue 2 asks >= 0.8). ' +
    'Sampled chunks are written case by case on both sides; the other chunks may append BENCH_SCALE_IN_FLIGHT cases at once (recorded per run as unsampledCasesInFlight) only to write a national history sooner.',
  verification: 'verifyStore over readAll pages of 2000, against one ordered readAll pass through the store and one raw driver ordered read (JSON parsed).',
  timeTravel: '200 sampled cases: loadCase(asOf = the instant the first half of the case was recorded) against readStream of the case, alternating order; ratio = total asOf time ÷ total readStream time.',
  rebuild: 'rebuildProjection of the escalation queue (shadow tables and swap) over every event; ratio = rebuild events/s ÷ raw driver ordered read events/s.',
  queue: '300 readEscalationQueue calls (limit 50, varied now, viewer, filters) against a plain SELECT of 50 entries ordered by priority, due_at through the driver.',
  rss: "process.resourceUsage().maxRSS of the run's own process, after each phase.",
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
