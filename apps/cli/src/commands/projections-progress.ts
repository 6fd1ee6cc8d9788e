import type { RebuildProgress } from '@casetrail/projections';

/** Where the bar goes: process.stderr, or a test's stand-in. */
export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;
/** A terminal redraws at most this often; a log file gets a line at most this often. */
const TTY_REDRAW_MS = 100;
const LINE_EVERY_MS = 2_000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One progress line: phase, bar, share, events/s and the time left at that rate. */
export function describeProgress(p: RebuildProgress): string {
  const share = p.target > 0 ? Math.min(1, p.position / p.target) : 1;
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.applied / seconds : 0;
  // Positions advance about one per event, so what is left at this rate is the time left.
  const left = rate > 0 ? (p.target - p.position) / rate : Number.POSITIVE_INFINITY;
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  return `${p.projection} ${p.phase} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${p.position}/${p.target} ${Math.round(rate)} events/s ${duration(left)} left`;
}

/**
 * A bar redrawn in place on a terminal; plain lines, every few seconds, when stderr is a file
 * or a pipe (CI logs, `2> rebuild.log`), where carriage returns would make a mess.
 */
export function progressBar(output: ProgressOutput, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let latest: RebuildProgress | undefined;
  const draw = (final: boolean) => {
    if (!latest) return;
    const line = describeProgress(latest);
    if (output.isTTY) output.write(`\r\x1b[2K${line.slice(0, (output.columns ?? 120) - 1)}${final ? '\n' : ''}`);
    else output.write(`${line}\n`);
  };
  return {
    update(progress: RebuildProgress) {
      latest = progress;
      if (now() - last < (output.isTTY ? TTY_REDRAW_MS : LINE_EVERY_MS)) return;
      last = now();
      draw(false);
    },
    /** The last state, on its own line. */
    done() {
      draw(true);
      latest = undefined;
    },
  };
}
