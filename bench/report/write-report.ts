import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiFigures,
  auditFigures,
  deadlineFigures,
  Figure,
  Json,
  num,
  projectionFigures,
  ratioText,
  readLatest,
  storeFigures,
  verdict,
} from './read-results';

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: string[][]) => [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');

function disk(): string {
  try {
    const dir = process.env.BENCH_SQLITE_DIR ?? tmpdir();
    const df = execFileSync('df', ['-PTh', dir], { encoding: 'utf8' }).trim().split('\n')[1]!.split(/\s+/);
    let kind = '';
    try {
      kind = execFileSync('lsblk', ['-dno', 'NAME,ROTA,SIZE,MODEL'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.replace(/\s+/g, ' ')).join('; ');
    } catch {
      kind = 'lsblk unavailable';
    }
    return `${dir} on ${df[0]} (${df[1]}, ${df[2]}, ${df[4]} free); block devices (name, rotational, size, model): ${kind}`;
  } catch {
    return 'unknown (df failed)';
  }
}

function machineSection(results: Record<string, Json | undefined>, run: Json | undefined): string[] {
  const machine = Object.values(results).find((r) => r?.machine)?.machine ?? {};
  // Each script's own record of the load it started under; a script run alone since the last `npm run bench` has a newer one than run-latest.json.
  const loads = ['store', 'api', 'deadlines', 'audit', 'projections', 'scale'].map((n) => {
    const own = results[n]?.machine?.loadAverageAtStart;
    const inRun = (run?.runs ?? []).find((r: Json) => r.script === `bench:${n}` && r.present)?.loadAverageAtStart;
    const load = own ?? inRun;
    return `bench:${n} ${Array.isArray(load) ? load.join('/') : 'not recorded'}`;
  });
  return [
    '## Machine',
    '',
    `- CPU: ${machine.cpuModel ?? '?'}, ${machine.cores ?? '?'} cores; memory ${machine.memoryGiB ?? '?'} GiB; ${machine.os ?? '?'}; Node ${machine.node ?? '?'}`,
    `- SQLite ${machine.sqlite ?? '?'}, PostgreSQL ${machine.postgres ?? '?'}`,
    `- Code each script ran (git commit; "uncommitted changes" when the tree differed): ${['store', 'api', 'deadlines', 'audit', 'projections'].map((n) => `bench:${n} ${results[n]?.machine?.gitCommit ?? 'not recorded'}`).join('; ')}; the scale runs' code is beside each run below`,
    `- Disk: ${disk()}`,
    `- Load average (1/5/15 min) when each script started: ${loads.join('; ') || 'not recorded'}`,
    '- Other work shared this machine during the run (load averages above the core count mean it did), so every figure is noisy;',
    '  the ratios, whose two sides ran in alternation in the same process, are steadier than the absolute rates.',
    '',
  ];
}

function figureTable(figures: Figure[]): string {
  return table(
    ['benchmark', 'figure', 'Casetrail', 'raw baseline (same run)', 'ratio', 'goal'],
    figures.map((f) => [f.source, f.what, f.subject, f.baseline, f.ratio, f.goal]),
  );
}

/** Runs carried over by `--keep-other-runs`: which run (start, commit, load) each comes from. */
function keptFrom(runs: Json[], scale: Json): string[] {
  const kept = runs.filter((r) => r.fromRun);
  if (kept.length === 0) return [];
  const fresh = runs.filter((r) => !r.fromRun).map((r) => `${r.size}/${r.adapter}`);
  return [
    `- ${fresh.join(', ')} ran from ${scale.startedAt} (code ${scale.machine?.gitCommit ?? '?'}, load ${(scale.machine?.loadAverageAtStart ?? []).join('/')}); ` +
      kept.map((r) => `${r.size}/${r.adapter} from the run of ${r.fromRun.startedAt} (code ${r.fromRun.gitCommit ?? '?'}, load ${(r.fromRun.loadAverageAtStart ?? []).join('/')})`).join('; ') +
      ' (`--keep-other-runs`): the columns come from different runs and code.',
  ];
}

/** By size, then store, whichever runs came from the last run or were kept from earlier ones. */
function scaleRunsInOrder(scale: Json | undefined): Json[] {
  const order = (r: Json) => ['borough', 'county', 'national'].indexOf(r.size) * 2 + (r.adapter === 'postgres' ? 1 : 0);
  return [...(scale?.runs ?? [])].sort((a: Json, b: Json) => order(a) - order(b));
}

function scaleSection(scale: Json | undefined): string[] {
  if (!scale) return ['## Scale runs', '', 'Not run (no bench/results/scale-latest.json).', ''];
  const runs = scaleRunsInOrder(scale);
  const ok = runs.filter((r) => r.result);
  const head = ['figure', ...ok.map((r) => `${r.size} ${r.adapter} (${num(r.result.generation?.events)} ev)`)];
  const row = (label: string, cell: (x: Json) => string) => [label, ...ok.map((r) => cell(r.result))];
  const rows = [
    row('append through the store', (x) => `${num(x.append.sampledAdapterEventsPerSecond, ' ev/s')} vs raw ${num(x.append.rawEventsPerSecond, ' ev/s')}: ${ratioText(x.append.ratio)}`),
    row('whole history through the store (every chunk)', (x) =>
      `${num(x.append.adapterEventsPerSecond, ' ev/s')}, ${(x.append.unsampledCasesInFlight ?? 1) > 1 ? `${x.append.unsampledCasesInFlight} cases at once on unsampled chunks` : 'case by case'}`,
    ),
    row('projection rebuild (escalation queue)', (x) => `${num(x.rebuild?.eventsPerSecond, ' ev/s')} vs raw read ${num(x.rebuild?.rawReadEventsPerSecond, ' ev/s')}: ${ratioText(x.rebuild?.ratioToRawRead)}`),
    row('queue query p99 (p50)', (x) => `${num(x.queue?.p99Ms, ' ms')} (${num(x.queue?.p50Ms, ' ms')}) over ${num(x.queue?.entries)} entries; plain SELECT p99 ${num(x.queue?.rawP99Ms, ' ms')}`),
    row('state as of (p99), vs readStream', (x) => `${num(x.timeTravel?.asOfP99Ms, ' ms')} vs ${num(x.timeTravel?.readStreamP99Ms, ' ms')}; total time ${ratioText(x.timeTravel?.ratio)}`),
    row('hash verification', (x) => `${num(x.verification?.eventsPerSecond, ' ev/s')} vs readAll ${num(x.verification?.readAllEventsPerSecond, ' ev/s')}: ${ratioText(x.verification?.ratioToReadAll)} the time; ${x.verification?.broken ?? '?'} broken`),
    row('peak RSS (after generate / verify / rebuild / end); V8 heap limit', (x) => {
      const r = x.peakRssMiB ?? {};
      return `${num(r.afterGenerate)} / ${num(r.afterVerify)} / ${num(r.afterRebuild)} / **${num(r.peak)} MiB**; ${r.heapLimit === undefined ? 'limit not recorded' : `${num(r.heapLimit)} MiB`}`;
    }),
    row('cases (open)', (x) => `${num(x.generation?.cases)} (${num(x.generation?.openCases)})`),
  ];
  const failed = runs.filter((r) => r.error).map((r) => `- ${r.size} on ${r.adapter}: failed, ${r.error}`);
  const done = new Set(runs.map((r) => `${r.size}/${r.adapter}`));
  const unfinished = (scale.config?.planned ?? []).filter((p: string) => !done.has(p)).map((p: string) => `- ${p}: planned but not finished (the run was stopped before it ended).`);
  const notRun = (scale.config?.sizes ?? []).flatMap((size: string) =>
    (scale.config?.stores ?? []).filter((adapter: string) => !done.has(`${size}/${adapter}`) && !(scale.config?.planned ?? []).includes(`${size}/${adapter}`)).map((adapter: string) => `- ${size}/${adapter}: not run.`),
  );
  const national = (scale.config?.sizes ?? []).includes('national')
    ? []
    : ['- National (10M events) was not run: it is opt-in (`npm run bench -- --sizes borough,county,national`), as county alone takes tens of minutes here.'];
  return [
    '## Scale runs: borough → county → national',
    '',
    `Sizes run: ${(scale.config?.sizes ?? []).join(', ')}; stores: ${(scale.config?.stores ?? []).join(', ')}. ${scale.method?.generation ?? ''}`,
    '',
    table(head, rows),
    '',
    `Run times: ${runs.map((r) => `${r.size}/${r.adapter} ${r.seconds} s`).join(', ')}.`,
    ...failed,
    ...unfinished,
    ...notRun,
    ...national,
    ...keptFrom(runs, scale),
    '',
    'How each figure is taken:',
    ...Object.entries(scale.method ?? {}).filter(([k]) => k !== 'generation').map(([k, v]) => `- ${k}: ${String(v)}`),
    '',
  ];
}

interface Goal {
  issue: number;
  goal: string;
  measured: string;
  met: boolean | undefined;
  limit: string;
}

function goals(results: Record<string, Json | undefined>): Goal[] {
  const { store, api, deadlines, audit, projections, scale } = results;
  const list: Goal[] = [];
  for (const r of (store?.results ?? []).filter((x: Json) => x.goal !== undefined)) {
    list.push({
      issue: 2,
      goal: `${r.adapter} ${r.kind === 'read-all' ? 'read all' : `append ${r.eventsPerAppend}-event, ${r.writers} ${r.concurrency}`} >= ${r.goal}x raw`,
      measured: ratioText(r.ratio),
      met: r.met,
      limit:
        r.kind === 'read-all'
          ? 'the adapter maps every row to an event (JSON.parse of data and metadata) where the raw read returns text'
          : `CPU per append: adapter ${num(r.adapterFigures?.cpuMicrosPerAppend, ' µs')} vs raw ${num(r.raw?.cpuMicrosPerAppend, ' µs')} (validation, revision and duplicate checks in the transaction)` +
            (r.adapter === 'postgres' && r.writers > 1
              ? '; and one group of appends commits at a time under the schema\'s append lock (ADR 0003), so its server work runs on one backend where the raw writers use every core'
              : r.adapter === 'sqlite' && r.concurrency?.startsWith('processes')
                ? '; each process appends one batch at a time, so its groups hold one append, and a process that finds the file locked retries on its event loop (about 80 µs per append, measured with perf at stop 14; ADR 0002)'
                : ''),
    });
  }
  if (api) {
    const cpuShare =
      api.commands?.cpuMsPerRequest === undefined
        ? ''
        : `server CPU per request, same run: ${num(api.commands.cpuMsPerRequest, ' ms')} per command against ${num(api.baseline?.cpuMsPerRequest, ' ms')} per trivial request, ${ratioText(api.baseline?.cpuMsPerRequest / api.commands.cpuMsPerRequest)}, close to the rates' ratio: both are CPU-bound, so 0.5x needs a command to cost no more than two trivial requests. `;
    const whatIf = results.frameworks?.whatIf;
    const post = results.frameworks?.summary?.find((s: Json) => s.endpoint === 'POST /echo');
    const framework = whatIf
      ? `The framework is not the limit (bench:api:frameworks, ADR 0018): on a bare NestJS module Express spends ${num(post?.express?.cpuUsPerRequest, ' µs')} of CPU per JSON POST and Fastify ${num(post?.fastify?.cpuUsPerRequest, ' µs')}, a saving of ${Math.round(whatIf.commandCpuSavedShare * 100)}% of a command; Fastify would speed the trivial endpoint more than commands, to a ratio of about ${ratioText(whatIf.ratioIfFastify)}. `
      : '';
    list.push({ issue: 4, goal: 'command throughput >= 0.5x the trivial endpoint', measured: ratioText(api.goals?.throughput?.actual), met: api.goals?.throughput?.met, limit: `${cpuShare}${framework}Where a command's CPU goes (bench/api/profile.ts, stop 16): SQLite about a quarter (the tail read behind a kept case state, the append and its fsync, the idempotency record, the projections' upserts in the same process), garbage collection about an eighth, then the middleware every request runs, sealing and encrypting, folding and deciding, each a few per cent. It came down from about 5.4 ms (stop 13) with kept case states (ADR 0015), batched subject keys, remembered tokens and the rate limiter's buckets (ADR 0008 amendment). The load generator shares the two cores` });
    list.push({ issue: 4, goal: 'command p99 < 50 ms on SQLite', measured: num(api.goals?.latency?.actual, ' ms'), met: api.goals?.latency?.met, limit: 'with 50 closed-loop connections p99 is mostly queueing (about 50 ÷ commands/s); under 50 ms needs about 1,000 commands/s' });
  }
  if (projections) {
    const all = projections.rebuild?.all;
    const each: number[] = (projections.rebuild?.projections ?? []).map((p: Json) => p.ratio).filter((r: unknown): r is number => typeof r === 'number');
    list.push({ issue: 5, goal: 'rebuild >= 0.5x the raw read', measured: `${each.length ? `${ratioText(Math.min(...each))} to ${ratioText(Math.max(...each))} per projection; ` : ''}${ratioText(all?.ratio)} for all of them in turn (each reading every event)`, met: each.length ? each.every((r) => r >= 0.5) : undefined, limit: 'profiled at stop 15 (bench/projections/profile.ts, 200k events): a case-summary rebuild spends about 23 µs of CPU per event against the raw read\'s 5: reading through the adapter (rows to events, JSON parsed) about 6.7, folding the case through its real decider about 6.7, SQLite upserts about 7 (0.35 rows per event at some 20 µs each), the rest garbage collection. 0.5x allows about 10 µs in all, so read and fold alone are over it. Writing each case once per 500 ms transaction would cut rows only to 0.2 per event (distinct cases per window, measured on the same data), and once per rebuild to 0.19; the repeat index, which folds nothing, went from 41.5 to 23.2 µs per event with batched inserts and a 16 MiB page cache (ADR 0013 amendment)' });
    list.push({ issue: 5, goal: 'queue p99 <= 20 ms', measured: num(projections.queue?.p99Ms, ' ms'), met: projections.queue?.met, limit: `not profiled here; the scale runs above show the same query beside a plain SELECT of 50 rows`, });
  }
  const peaks = scaleRunsInOrder(scale).filter((r: Json) => r.result).map((r: Json) => `${r.size}/${r.adapter} ${num(r.result.peakRssMiB?.peak, ' MiB')}`);
  const growth = ['sqlite', 'postgres'].flatMap((adapter) => {
    const peak = (size: string) => (scale?.runs ?? []).find((r: Json) => r.result && r.size === size && r.adapter === adapter)?.result.peakRssMiB?.peak;
    const steps: [string, string][] = [['borough', 'county'], ['county', 'national']];
    return steps.flatMap(([from, to]) => {
      const [small, large] = [peak(from), peak(to)];
      return typeof small === 'number' && typeof large === 'number' ? [`${adapter} ${from} → ${to} ${ratioText(large / small)} the RSS for 10x the events`] : [];
    });
  });
  if (peaks.length) list.push({ issue: 5, goal: 'memory does not grow with the number of events', measured: `${peaks.join(', ')}${growth.length ? `; ${growth.join(', ')}` : ''}`, met: undefined, limit: 'RSS is the peak of a whole scale run (generation, verify, rebuild, queries), not the rebuild alone; verify keeps one hash and count per stream (it grows with streams); at stop 14 a 1M-event rebuild\'s heap after a forced GC stayed at 70-80 MiB from start to end, the rest of its RSS being garbage not yet collected' });
  if (deadlines?.goals) {
    list.push({ issue: 6, goal: 'p99 lateness <= 1 s', measured: num(deadlines.goals.p99LatenessMs?.measured, ' ms'), met: deadlines.goals.p99LatenessMs?.met, limit: `firing is slower than deadlines fall due: ${num(deadlines.phases?.casetrailSpread?.jobsPerSecond, ' jobs/s')} against the bare worker's ${num(deadlines.phases?.bareSpread?.jobsPerSecond, ' jobs/s')} in the same phase` });
    list.push({
      issue: 6,
      goal: 'throughput >= 0.5x the bare worker',
      measured: ratioText(deadlines.goals.throughputOverBare?.measured),
      met: deadlines.goals.throughputOverBare?.met,
      limit: `each firing is a command (read, fold, decide, append) on top of BullMQ's own Redis round trips, in one process on two cores shared with Redis: the command path alone, with no queue at all, runs ${num(deadlines.phases?.commandPathAlone?.jobsPerSecond, ' jobs/s')} against the bare no-op worker's ${num(deadlines.phases?.bareBurst?.jobsPerSecond, ' jobs/s')} (concurrency ${num(deadlines.settings?.concurrency)} for both), ${ratioText(deadlines.phases?.commandPathAlone?.jobsPerSecond / deadlines.phases?.bareBurst?.jobsPerSecond)} before any queue work is added`,
    });
  }
  for (const r of audit?.rows ?? []) {
    list.push({
      issue: 7,
      goal: r.goal ? `${r.benchmark} ${r.goal} the raw read` : `${r.benchmark} (events/s; no numeric goal)`,
      measured: `${ratioText(r.ratio)} the time (${num(r.subjectPerSecond, ` ${r.unit}`)})`,
      met: r.goal ? r.met : undefined,
      limit: r.references ? `references: ${Object.entries(r.references).map(([k, v]) => `${k} ${num(v)}`).join('; ')}` : 'one SHA-256 and one canonical JSON per event on top of the read',
    });
  }
  return list;
}

/** Writes REPORT.md from the *-latest.json files in `dir`; returns its path. Every figure comes from those files. */
export function writeReport(dir: string, path: string): string {
  const results: Record<string, Json | undefined> = Object.fromEntries(['store', 'api', 'deadlines', 'audit', 'projections', 'scale', 'run'].map((n) => [n, readLatest(dir, n)]));
  results.frameworks = readLatest(dir, 'api-frameworks');
  const { run } = results;
  const when = (n: string) => results[n]?.finishedAt ?? results[n]?.at ?? results[n]?.startedAt;
  const missing = ['store', 'api', 'deadlines', 'audit', 'projections', 'scale'].filter((n) => !results[n]);
  const failedScripts = (run?.runs ?? []).filter((r: Json) => r.present && r.exitCode !== 0).map((r: Json) => `${r.script} (exit ${r.exitCode})`);
  const goalList = goals(results);
  const text = [
    '# Casetrail benchmark report',
    '',
    `Written on ${new Date().toISOString()} (by \`npm run bench\`, last run ${run?.at ?? 'never'}, or by hand from its writer) from \`bench/results/*-latest.json\`; do not edit: every figure`,
    'below is one a benchmark run printed and saved. Each script\'s results date from: ' +
      ['store', 'api', 'deadlines', 'audit', 'projections', 'scale'].map((n) => `${n} ${when(n) ?? 'never'}`).join(', ') + '.',
    ...(missing.length ? ['', `Missing results: ${missing.join(', ')}.`] : []),
    ...(failedScripts.length
      ? ['', `Scripts that failed in the last \`npm run bench\`: ${failedScripts.join(', ')}. Their figures below come from their latest results file, whose date is listed above (a separate run, or an older one).`]
      : []),
    '',
    ...machineSection(results, run),
    '## Every figure beside its raw baseline',
    '',
    'Ratios are Casetrail ÷ baseline for rates (higher is better) except where marked "the time" (Casetrail time ÷ baseline time, lower is better).',
    '',
    figureTable([...storeFigures(results.store), ...apiFigures(results.api, results.frameworks), ...deadlineFigures(results.deadlines), ...auditFigures(results.audit), ...projectionFigures(results.projections)]),
    '',
    ...scaleSection(results.scale),
    '## Goals of issues 2, 4, 5, 6 and 7',
    '',
    table(
      ['issue', 'goal', 'measured', 'verdict', 'what limits it (where not met; figures from the JSON, hypotheses marked)'],
      goalList.map((g) => [`#${g.issue}`, g.goal, g.measured, verdict(g.met, g.met === undefined ? 'no pass/fail' : 'goal'), g.met === false ? g.limit : '']),
    ),
    '',
  ].join('\n');
  writeFileSync(path, text);
  return path;
}

if (require.main === module) {
  process.stdout.write(`${writeReport(join(__dirname, '..', 'results'), join(__dirname, '..', 'REPORT.md'))}\n`);
}
