/**
 * API throughput: the real API (ApiModule + configureApp, SQLite) in this process, autocannon in a
 * child process. `npm run bench:api` — see bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startTestApi } from '../tests/support/api-app';
import { asbReport } from '../tests/e2e/api-fixtures';
import type { LoadResult } from './api/load.child';
import { machineInfo as readMachine } from './store/machine';
import { runLoad } from './api/run-load';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.max(1, Math.round(SECONDS / 5));
const CASES = Number(process.env.BENCH_CASES ?? 500);
const GOALS = { commandsOverBaseline: 0.5, commandsP99Ms: 50 };

const log = (msg: string) => console.log(`[bench:api] ${msg}`);



async function openCases(url: string, token: string, count: number): Promise<{ caseIds: string[]; seconds: number }> {
  const caseIds: string[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(`${url}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(asbReport()),
      });
      const body = (await res.json()) as { caseId?: string };
      if (res.status !== 201 || !body.caseId) throw new Error(`opening a case: ${res.status} ${JSON.stringify(body)}`);
      caseIds.push(body.caseId);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { caseIds, seconds: (performance.now() - started) / 1000 };
}

/** The load's result with this (the server's) process's CPU per request while it ran: steadier than req/s on a shared machine. */
async function withServerCpu(run: () => Promise<LoadResult>): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const before = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(before);
  return { ...result, cpuMsPerRequest: Math.round((cpu.user + cpu.system) / result.requests) / 1000 };
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const machineInfo = readMachine();
  // The load is one user: lift the per-user rate limit, or the figures would be of 429s.
  const api = await startTestApi('sqlite', undefined, { env: { CASETRAIL_RATE_LIMIT: '100000000', CASETRAIL_LOG_LEVEL: 'silent' } }); // fixtures' clock; log level silent, as the method says (startTestApi logs at info for the tests' log scan)
  try {
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const token = await api.token({ role: 'caseworker' });
    log(`API on ${url}; ${machineInfo.cpuModel}, ${machineInfo.cores} cores, Node ${machineInfo.node}`);

    const base = { url, connections: CONNECTIONS, token };
    log(`baseline warm-up ${WARMUP_SECONDS}s`);
    await runLoad({ ...base, name: 'baseline', seconds: WARMUP_SECONDS, runTag: 'w' });
    log(`baseline GET /health/live ${SECONDS}s`);
    const baseline = await withServerCpu(() => runLoad({ ...base, name: 'baseline', seconds: SECONDS, runTag: 'b' }));

    log(`opening ${CASES} cases (${CONNECTIONS} concurrent)`);
    const opened = await openCases(url, token, CASES);
    log(`opened ${opened.caseIds.length} cases in ${r2(opened.seconds)}s (${r1(opened.caseIds.length / opened.seconds)}/s)`);
    log(`commands warm-up ${WARMUP_SECONDS}s`);
    await runLoad({ ...base, name: 'commands', seconds: WARMUP_SECONDS, caseIds: opened.caseIds, runTag: 'w' });
    log(`commands POST /api/cases/:id/commands (LogIncident, round-robin over ${CASES} cases) ${SECONDS}s`);
    const commands = await withServerCpu(() => runLoad({ ...base, name: 'commands', seconds: SECONDS, caseIds: opened.caseIds, runTag: 'c' }));

    const ratio = commands.requestsPerSecond / baseline.requestsPerSecond;
    const goals = {
      throughput: { goal: `commands >= ${GOALS.commandsOverBaseline}x baseline req/s`, actual: r2(ratio), met: ratio >= GOALS.commandsOverBaseline },
      latency: { goal: `commands p99 < ${GOALS.commandsP99Ms} ms (SQLite)`, actual: commands.latencyMs.p99, met: commands.latencyMs.p99 < GOALS.commandsP99Ms },
    };

    const row = (r: LoadResult) =>
      `| ${r.name.padEnd(9)} | ${String(r1(r.requestsPerSecond)).padStart(8)} | ${String(r.latencyMs.p50).padStart(7)} | ${String(r.latencyMs.p99).padStart(7)} | ${String(r.requests).padStart(8)} | ${String(r.non2xx).padStart(6)} | ${String(r.errors + r.timeouts).padStart(6)} |`;
    console.log('');
    console.log(`| endpoint  |    req/s | p50 ms  | p99 ms  | requests | non2xx | errors |`);
    console.log(`|-----------|----------|---------|---------|----------|--------|--------|`);
    console.log(row(baseline));
    console.log(row(commands));
    console.log('');
    console.log(`baseline  = GET /health/live; commands = POST /api/cases/:id/commands LogIncident (~${commands.commandsPerCase} per case over ${CASES} cases)`);
    console.log(`ratio commands/baseline: ${r2(ratio)}x; server CPU per request: baseline ${baseline.cpuMsPerRequest} ms, commands ${commands.cpuMsPerRequest} ms`);
    console.log(`goal ${goals.throughput.goal}: ${goals.throughput.met ? 'MET' : 'MISSED'} (${goals.throughput.actual}x)`);
    console.log(`goal ${goals.latency.goal}: ${goals.latency.met ? 'MET' : 'MISSED'} (${goals.latency.actual} ms)`);
    if (commands.non2xx > 0) console.log(`commands status codes: ${JSON.stringify(commands.statusCodes)}`);

    const at = new Date().toISOString();
    const out = {
      at,
      machine: { ...machineInfo, loadAverageAtEnd: loadavg().map(r2) },
      method: {
        server: "startTestApi('sqlite') from tests/support/api-app.ts, log level silent, listening on 127.0.0.1",
        loadGenerator: 'autocannon in a child process',
        cpuMsPerRequest: 'process.cpuUsage() of the server process over the measured load ÷ requests (the projections running in the API process included)',
        connections: CONNECTIONS,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        cases: CASES,
        casesOpenedPerSecond: r1(opened.caseIds.length / opened.seconds),
      },
      baseline,
      commands,
      ratio: r2(ratio),
      goals,
    };
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const stamped = join(dir, `api-${at.replace(/:/g, '-')}.json`);
    writeFileSync(stamped, JSON.stringify(out, null, 2) + '\n');
    writeFileSync(join(dir, 'api-latest.json'), JSON.stringify(out, null, 2) + '\n');
    log(`wrote ${stamped} and bench/results/api-latest.json`);
  } finally {
    await api.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
