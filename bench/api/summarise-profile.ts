/**
 * Self and inclusive time per function, and self time per module, of a V8 .cpuprofile.
 *
 *   node -r @swc-node/register bench/api/summarise-profile.ts file.cpuprofile [top=40] [filter]
 *
 * Inclusive time counts a function once per sample even when it recurses. `filter` (a substring
 * of a function's name or file) limits the inclusive table.
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

const [file, topArg, filter] = process.argv.slice(2);
if (!file) throw new Error('usage: summarise-profile.ts file.cpuprofile [top] [filter]');
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
profile.nodes.forEach((n) => n.children?.forEach((c) => parent.set(c, n.id)));

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/.*\/work\/main\//, '');
const moduleOf = (url: string) => {
  const u = shortUrl(url);
  if (!u) return '(native/vm)';
  if (u.startsWith('nm:')) {
    const parts = u.slice(3).split('/');
    return `nm:${parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (u.startsWith('node:')) return u;
  return u.split('/').slice(0, 3).join('/');
};
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const moduleSelf = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id)!;
  total += dt;
  if (node.callFrame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  moduleSelf.set(moduleOf(node.callFrame.url), (moduleSelf.get(moduleOf(node.callFrame.url)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
  }
});

const busy = total - idle;
const pct = (v: number) => `${((v / busy) * 100).toFixed(1).padStart(5)}%`;
const ms = (v: number) => `${(v / 1000).toFixed(0).padStart(7)} ms`;
const table = (title: string, m: Map<string, number>, pred: (k: string) => boolean = () => true) => {
  console.log(`\n== ${title}`);
  [...m]
    .filter(([k]) => pred(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, v]) => console.log(`${ms(v)} ${pct(v)}  ${k}`));
};
console.log(`total ${ms(total)}, idle ${ms(idle)}, busy ${ms(busy)} (percentages are of busy)`);
table('self time by module', moduleSelf);
table('self time by function', self);
table('inclusive time by function', inclusive, (k) => (filter ? k.includes(filter) : !k.startsWith('(root)') && !k.startsWith('(program)')));

/**
 * A call tree of the repository's own functions (libs/, apps/, bench/) and of the first frame in
 * each package: where each share of the time was spent, outermost first, down to `minShare`.
 */
const minShare = Number(process.env.MIN_SHARE ?? 0.005);
interface TreeNode {
  time: number;
  children: Map<string, TreeNode>;
}
const root: TreeNode = { time: 0, children: new Map() };
const keep = (n: ProfileNode, previous: string | undefined) => {
  const u = shortUrl(n.callFrame.url);
  if (/^(libs|apps|bench)\//.test(u)) return label(n);
  if (u.startsWith('nm:') && moduleOf(n.callFrame.url) !== previous) return moduleOf(n.callFrame.url);
  if (n.callFrame.functionName === '(garbage collector)') return '(garbage collector)';
  return undefined;
};
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  if (byId.get(id)!.callFrame.functionName === '(idle)') return;
  const stack: ProfileNode[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
  stack.reverse();
  let node = root;
  node.time += dt;
  let previousModule: string | undefined;
  for (const frame of stack) {
    const name = keep(frame, previousModule);
    const u = shortUrl(frame.callFrame.url);
    previousModule = u.startsWith('nm:') ? moduleOf(frame.callFrame.url) : undefined;
    if (!name) continue;
    let child = node.children.get(name);
    if (!child) node.children.set(name, (child = { time: 0, children: new Map() }));
    child.time += dt;
    node = child;
  }
});
console.log(`\n== call tree (own code and package entries, >= ${minShare * 100}% of busy)`);
const print = (node: TreeNode, depth: number) => {
  [...node.children]
    .filter(([, c]) => c.time >= busy * minShare)
    .sort((a, b) => b[1].time - a[1].time)
    .forEach(([name, c]) => {
      console.log(`${ms(c.time)} ${pct(c.time)} ${'  '.repeat(depth)}${name}`);
      print(c, depth + 1);
    });
};
print(root, 0);
