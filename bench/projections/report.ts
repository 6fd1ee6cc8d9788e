import { RebuildFigures } from './measure';
import { QueueFigures } from './queue';

const n = (value: number) => value.toLocaleString('en-GB');

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function rebuildTable(
  rows: (RebuildFigures & { ratio: number; cpuRatio: number })[],
  all: { seconds: number; eventsPerSecond: number; ratio: number; cpuRatio: number },
  baseline: { rawEventsPerSecond: number; rawEventsPerCpuSecond: number; adapterReadAllEventsPerSecond: number; adapterReadAllEventsPerCpuSecond: number },
  goal: number,
): string {
  const verdict = (ratio: number) => `>= ${goal}x ${ratio >= goal ? 'met' : 'NOT met'}`;
  const body = rows.map((r) => [
    r.projection,
    `${n(r.eventsPerSecond)}/s`,
    `${r.ratio.toFixed(2)}x`,
    `${r.cpuRatio.toFixed(2)}x`,
    `${r.seconds.toFixed(1)} s`,
    `${r.peakRssMiB}`,
    (['25%', '50%', '75%', '100%'] as const).map((p) => r.rssAt[p].rssMiB).join(' / '),
    verdict(r.ratio),
  ]);
  body.push(['all, one after another', `${n(all.eventsPerSecond)}/s`, `${all.ratio.toFixed(2)}x`, `${all.cpuRatio.toFixed(2)}x`, `${all.seconds.toFixed(1)} s`, '', '', '—']);
  body.push(['(raw ordered read)', `${n(baseline.rawEventsPerSecond)}/s`, '1.00x', '1.00x', '', '', '', 'baseline']);
  const adapter = (baseline.adapterReadAllEventsPerSecond / baseline.rawEventsPerSecond).toFixed(2);
  const adapterCpu = (baseline.adapterReadAllEventsPerCpuSecond / baseline.rawEventsPerCpuSecond).toFixed(2);
  body.push(['(adapter readAll)', `${n(baseline.adapterReadAllEventsPerSecond)}/s`, `${adapter}x`, `${adapterCpu}x`, '', '', '', 'reference']);
  return table(['rebuild', 'events/s', 'vs raw', 'cpu vs raw', 'time', 'peak RSS MiB', 'RSS MiB at 25/50/75/100%', 'goal'], body);
}

export function queueTable(q: QueueFigures, goalMs: number): string {
  const body = Object.entries(q.byShape).map(([shape, f]) => [shape, `${f.p50Ms}`, `${f.p99Ms}`, `${f.rows}`]);
  body.push([`all ${n(q.queries)} queries`, `${q.p50Ms}`, `${q.p99Ms}`, `p99 <= ${goalMs} ms ${q.p99Ms <= goalMs ? 'met' : 'NOT met'}`]);
  return [
    `escalation queue: ${n(q.openCases)} open cases of ${n(q.cases)}, ${n(q.entries)} entries`,
    table(['query', 'p50 ms', 'p99 ms', 'rows'], body),
  ].join('\n');
}
