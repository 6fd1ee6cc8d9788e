/**
 * Where the API's CPU goes per command: the same server and load as bench:api, with the V8
 * profiler on during the commands phase only and the process's CPU time per command measured
 * beside it. CPU per command is steadier than req/s on a shared machine.
 *
 *   node -r @swc-node/register bench/api/profile.ts [out.cpuprofile]
 *   BENCH_SECONDS=10 BENCH_CASES=300   (defaults)
 *
 * Then `node -r @swc-node/register bench/api/summarise-profile.ts out.cpuprofile`.
 */
import type { AddressInfo } from 'node:net';
import { startTestApi } from '../../tests/support/api-app';
import { asbReport } from '../../tests/e2e/api-fixtures';
import { profiled } from './profiled';
import { runLoad } from './run-load';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 300);
const out = process.argv[2] ?? 'api-commands.cpuprofile';


async function main() {
  const api = await startTestApi('sqlite', undefined, { env: { CASETRAIL_RATE_LIMIT: '100000000', CASETRAIL_LOG_LEVEL: 'silent' } });
  try {
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const token = await api.token({ role: 'caseworker' });
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const res = await fetch(`${url}/api/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(asbReport()) });
      caseIds.push(((await res.json()) as { caseId: string }).caseId);
    }
    const base = { url, connections: CONNECTIONS, token, caseIds, name: 'commands' as const };
    await runLoad({ ...base, seconds: 2, runTag: 'w' });

    const { result, cpuMs } = await profiled(out, () => runLoad({ ...base, seconds: SECONDS, runTag: 'p' }));
    console.log(
      JSON.stringify({
        commands: result.requests,
        non2xx: result.non2xx,
        requestsPerSecond: result.requestsPerSecond,
        p50: result.latencyMs.p50,
        p99: result.latencyMs.p99,
        cpuMsPerCommand: Math.round((cpuMs / result.requests) * 100) / 100,
        profile: out,
      }),
    );
  } finally {
    await api.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
