import type { ProjectionStatus, RowDifference, VerifyResult } from '@casetrail/projections';

/** `projections status` as a table an operator reads at a glance. */
export function statusTable(head: number, statuses: ProjectionStatus[]): string[] {
  const rows = statuses.map((s) => [s.name, String(s.checkpoint), String(s.lag), s.holder ?? '-', stateOf(s)]);
  const header = ['projection', 'checkpoint', 'lag', 'holder', 'state'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [`head position ${head}`, line(header), ...rows.map(line)];
}

function stateOf(s: ProjectionStatus): string {
  if (s.stopped) return `STOPPED at position ${s.stopped.position} (${s.stopped.eventType}): ${s.stopped.error}`;
  if (s.rebuildBy) return `handed over to ${s.rebuildBy}`;
  return s.holder ? 'running' : 'not running';
}

/** One line per column that differs, so a tampered field stands out. */
export function differenceLines(result: VerifyResult): string[] {
  return result.differences.flatMap((d) => describeDifference(d));
}

function describeDifference(d: RowDifference): string[] {
  const where = `${d.table} ${JSON.stringify(d.key)}`;
  const { live, rebuilt } = d;
  if (!live) return [`${where}: missing from the live table (rebuilt: ${JSON.stringify(rebuilt)})`];
  if (!rebuilt) return [`${where}: in the live table only (live: ${JSON.stringify(live)})`];
  const columns = [...new Set([...Object.keys(live), ...Object.keys(rebuilt)])];
  return columns
    .filter((c) => JSON.stringify(live[c]) !== JSON.stringify(rebuilt[c]))
    .map((c) => `${where}: ${c} live=${JSON.stringify(live[c])} rebuilt=${JSON.stringify(rebuilt[c])}`);
}
