/**
 * The load generator, in its own process so autocannon does not share the API's event loop.
 * Receives one LoadSpec over IPC, runs autocannon, sends back a LoadResult, exits.
 */
import autocannon from 'autocannon';
import { logIncident } from '../../tests/e2e/api-fixtures';

export interface LoadSpec {
  /** baseline and commands: the real API's requests; plain: `request` as given (bench/api/frameworks.ts). */
  name: 'baseline' | 'commands' | 'plain';
  url: string;
  connections: number;
  seconds: number;
  token?: string;
  caseIds?: string[];
  /** Keeps incident ids unique across runs (warm-up and measured). */
  runTag: string;
  request?: { method: 'GET' | 'POST'; path: string; body?: string };
}

export interface LoadResult {
  name: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  commandsPerCase?: number;
}

function requestsFor(spec: LoadSpec): autocannon.Request[] {
  if (spec.name === 'baseline') return [{ method: 'GET', path: '/health/live' }];
  if (spec.name === 'plain') {
    const { method, path, body } = spec.request!;
    return [body === undefined ? { method, path } : { method, path, body, headers: { 'content-type': 'application/json' } }];
  }
  const cases = spec.caseIds ?? [];
  let next = 0;
  return [
    {
      method: 'POST',
      headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' },
      setupRequest: (req) => {
        const n = next++;
        const caseId = cases[n % cases.length];
        return { ...req, path: `/api/cases/${caseId}/commands`, body: JSON.stringify(logIncident(`bench-${spec.runTag}-${n}`)) };
      },
    },
  ];
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const r = await autocannon({ url: spec.url, connections: spec.connections, duration: spec.seconds, requests: requestsFor(spec) });
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
  return {
    name: spec.name,
    seconds: r.duration,
    requests: r.requests.total,
    requestsPerSecond: r.requests.average,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.mean },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    ...(spec.caseIds ? { commandsPerCase: Math.round((r.requests.total / spec.caseIds.length) * 10) / 10 } : {}),
  };
}

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (result) => process.send!(result, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
