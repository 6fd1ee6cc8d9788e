import { performance } from 'node:perf_hooks';

export interface Timed {
  /** Total seconds over all rounds. */
  seconds: number;
  roundSeconds: number[];
}

/**
 * Runs each named pass `rounds` times, alternating which goes first, after one warm-up pass of
 * each: both sides see the same caches, JIT state and background load.
 */
export async function alternate<K extends string>(passes: Record<K, () => Promise<unknown>>, rounds: number): Promise<Record<K, Timed>> {
  const names = Object.keys(passes) as K[];
  for (const name of names) await passes[name]();
  const timed = Object.fromEntries(names.map((n) => [n, { seconds: 0, roundSeconds: [] as number[] }])) as Record<K, Timed>;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const start = performance.now();
      await passes[name]();
      const seconds = (performance.now() - start) / 1000;
      timed[name].seconds += seconds;
      timed[name].roundSeconds.push(Math.round(seconds * 1e4) / 1e4);
    }
  }
  return timed;
}

export const log = (line: string) => process.stdout.write(`[bench:audit] ${line}\n`);
