export type Side = 'raw' | 'adapter';

export interface SideFigures {
  appends: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  appendsPerSecond: number;
  /** Seconds of each measured round, in order. */
  roundSeconds: number[];
  /**
   * CPU (user + system) per append spent by the benchmark's own process(es): the client side
   * only for PostgreSQL; SQLite runs in-process, so all of it for SQLite (fsync wait is not CPU).
   */
  cpuMicrosPerAppend: number;
  /** Appends that failed with SQLITE_BUSY (lock not obtained within busy_timeout) and were retried. */
  busyRetries: number;
}

export interface AppendResultRow {
  kind: 'append';
  adapter: 'sqlite' | 'postgres';
  eventsPerAppend: number;
  writers: number;
  /** How the writers run: one caller, N async callers on one store, N processes, N connections. */
  concurrency: string;
  adapterFigures: SideFigures;
  raw: SideFigures;
  /** adapter events/s ÷ raw events/s over all rounds. */
  ratio: number;
  /** The same ratio per round (raw and adapter alternate within a round). */
  roundRatios: number[];
  goal?: number;
  met?: boolean;
}

export interface ReadResultRow {
  kind: 'read-all';
  adapter: 'sqlite' | 'postgres';
  pageSize: number;
  /** Events the raw SELECT returned per pass (every event of the table). */
  events: number;
  /** Events the adapter's readAll returned per pass: must equal `events`. */
  adapterEvents: number;
  adapterFigures: { seconds: number; eventsPerSecond: number; roundSeconds: number[] };
  raw: { seconds: number; eventsPerSecond: number; roundSeconds: number[] };
  /** Further raw variants timed in the same rounds (e.g. raw + JSON.parse), by name. */
  references: Record<string, { seconds: number; eventsPerSecond: number; roundSeconds: number[] }>;
  ratio: number;
  roundRatios: number[];
  goal: number;
  met: boolean;
  /** Set when the adapter did not return exactly the raw rows in order: why the figure is void. */
  invalid?: string;
}

export type ResultRow = AppendResultRow | ReadResultRow;

export function sideFigures(
  appends: number,
  eventsPerAppend: number,
  rounds: { seconds: number; cpuSeconds: number; busyRetries?: number }[],
): SideFigures {
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const cpuSeconds = rounds.reduce((sum, r) => sum + r.cpuSeconds, 0);
  return {
    appends,
    events: appends * eventsPerAppend,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round((appends * eventsPerAppend) / seconds),
    appendsPerSecond: Math.round(appends / seconds),
    roundSeconds: rounds.map((r) => round(r.seconds, 3)),
    cpuMicrosPerAppend: round((cpuSeconds / appends) * 1e6, 1),
    busyRetries: rounds.reduce((sum, r) => sum + (r.busyRetries ?? 0), 0),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const int = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
const ratioText = (r: number) => `${r.toFixed(2)}x`;
const spread = (rs: number[]) => `${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)}`;
const goalText = (goal?: number, met?: boolean) => (goal === undefined ? '—' : `≥${goal}x ${met ? 'met' : 'NOT met'}`);

export function renderTable(rows: ResultRow[]): string {
  const header = [
    'adapter',
    'benchmark',
    'writers',
    'adapter events/s',
    'adapter appends/s',
    'raw events/s',
    'raw appends/s',
    'ratio',
    'per round',
    'goal',
  ];
  const body = rows.map((row) =>
    row.kind === 'append'
      ? [
          row.adapter,
          `append ${row.eventsPerAppend} ev`,
          `${row.writers} ${row.concurrency}`,
          int(row.adapterFigures.eventsPerSecond),
          int(row.adapterFigures.appendsPerSecond),
          int(row.raw.eventsPerSecond),
          int(row.raw.appendsPerSecond),
          ratioText(row.ratio),
          spread(row.roundRatios),
          goalText(row.goal, row.met),
        ]
      : [
          row.adapter,
          `read-all ${int(row.events)} ev`,
          `1 reader, pages of ${row.pageSize}`,
          int(row.adapterFigures.eventsPerSecond),
          '',
          int(row.raw.eventsPerSecond),
          '',
          ratioText(row.ratio),
          spread(row.roundRatios),
          row.invalid ? 'INVALID (see below)' : goalText(row.goal, row.met),
        ],
  );
  const numeric = new Set([3, 4, 5, 6, 7, 8]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (numeric.has(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(header), rule, ...body.map(line)].join('\n');
}
