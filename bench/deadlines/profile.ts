/**
 * Where the CPU goes when deadlines fire: the "command path alone" phase of bench:deadlines
 * (ExpireDeadline through DeadlineExpiry and handleCommand, no queue) with the V8 profiler on
 * while they fire, and the process's CPU time per firing beside it.
 *
 *   node -r @swc-node/register bench/deadlines/profile.ts [out.cpuprofile]   (BENCH_DEADLINES=3000)
 *
 * Then `node -r @swc-node/register bench/api/summarise-profile.ts out.cpuprofile`.
 */
import { DEFAULT_DEADLINE_CONCURRENCY } from '@casetrail/scheduling';
import { Casework } from '../../tests/deadlines/support/casework';
import { profiled } from '../api/profiled';
import { pastDueDeadlines } from './past-due';

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_DEADLINE_CONCURRENCY);
const out = process.argv[2] ?? 'deadlines-command-path.cpuprofile';

async function main() {
  const casework = await Casework.start();
  try {
    const deadlines = await pastDueDeadlines(casework, DEADLINES);
    const { cpuMs, seconds } = await profiled(out, () => deadlines.fireAll(CONCURRENCY));
    const missed = await casework.missedCount();
    console.log(
      JSON.stringify({
        firings: deadlines.count,
        missedRecorded: missed,
        perSecond: Math.round(deadlines.count / seconds),
        cpuMsPerFiring: Math.round((cpuMs / deadlines.count) * 1000) / 1000,
        profile: out,
      }),
    );
  } finally {
    await casework.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
