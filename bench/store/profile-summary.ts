/**
 * Self and total time per function of a V8 .cpuprofile (from `node --cpu-prof`), to see what an
 * adapter does per append that the raw baseline does not:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof -r @swc-node/register bench/store.bench.ts --only sqlite-e1-w1
 *   node -r @swc-node/register bench/store/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [top] [filter]
 *
 * `filter` keeps only the functions whose "name file:line" contains it (e.g. event-store/src).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*?\/(libs|bench|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
}

/** Milliseconds of self time, and of total time (self plus callees, each function counted once per stack). */
export function summarise(profile: Profile): { name: string; selfMs: number; totalMs: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(label(byId.get(at)!));
    for (const name of onStack) total.set(name, (total.get(name) ?? 0) + ms);
  });
  return [...total.entries()].map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }));
}

function main(): void {
  const [path, top = '40', filter = ''] = process.argv.slice(2);
  if (!path) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [filter]');
  const rows = summarise(JSON.parse(readFileSync(path, 'utf8')) as Profile).filter((row) => row.name.includes(filter));
  const show = (title: string, key: 'selfMs' | 'totalMs') => {
    process.stdout.write(`\n${title}\n`);
    for (const row of [...rows].sort((a, b) => b[key] - a[key]).slice(0, Number(top))) {
      process.stdout.write(`${row.selfMs.toFixed(1).padStart(9)} self ${row.totalMs.toFixed(1).padStart(9)} total  ${row.name}\n`);
    }
  };
  show('by self time (ms)', 'selfMs');
  show('by total time (ms)', 'totalMs');
}

if (require.main === module) {
  // Piped into head: stop quietly when the reader has had enough.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : undefined));
  main();
}
