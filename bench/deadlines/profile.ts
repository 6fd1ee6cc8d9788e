/**
 * Where the CPU goes when deadlines fire: the "command path alone" phase of bench:deadlines
 * (ExpireDeadline through DeadlineExpiry and handleCommand, no queue) with the V8 profiler on
 * while they fire, and the process's CPU time per firing beside it.
 *
 *   node -r @swc-node/register bench/deadlines/profile.ts [out.cpuprofile]   (BENCH_DEADLINES=3000)
 *
 * Then `node -r @swc-node/register bench/api/summarise-profile.ts out.cpuprofile`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { DeadlineExpiry, deadlineJobId } from '@casetrail/scheduling';
import { Casework } from '../../tests/deadlines/support/casework';

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const out = process.argv[2] ?? 'deadlines-command-path.cpuprofile';

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
}

async function main() {
  const casework = await Casework.start();
  try {
    const dueAt = new Date(Date.now() + 24 * 3_600_000);
    const cases: Awaited<ReturnType<Casework['reportAsb']>>[] = [];
    for (let i = 0; i < DEADLINES; i += 1) cases.push(await casework.reportAsb(dueAt));
    const expiry = new DeadlineExpiry({ ...casework.runtime, now: () => new Date(dueAt.getTime() + 1000) });
    const session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        await expiry.fire({ ...c, dueAt: dueAt.toISOString(), jobId: deadlineJobId(c.deadlineId, c.revision), attempt: 1 });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
    session.disconnect();
    writeFileSync(out, JSON.stringify(profile));
    const missed = await casework.missedCount();
    console.log(
      JSON.stringify({
        firings: cases.length,
        missedRecorded: missed,
        perSecond: Math.round(cases.length / seconds),
        cpuMsPerFiring: Math.round(((cpu.user + cpu.system) / 1000 / cases.length) * 1000) / 1000,
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
