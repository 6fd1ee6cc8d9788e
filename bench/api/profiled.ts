import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
}

/**
 * Runs `work` with the V8 profiler of this process on (200 µs samples), writes the profile to
 * `out`, and returns what `work` returned with the process's CPU milliseconds it took.
 */
export async function profiled<T>(out: string, work: () => Promise<T>): Promise<{ result: T; cpuMs: number; seconds: number }> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
  session.disconnect();
  writeFileSync(out, JSON.stringify(profile));
  return { result, cpuMs: (cpu.user + cpu.system) / 1000, seconds };
}
