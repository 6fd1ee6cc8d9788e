import type { RebuildProgress } from '@casetrail/projections';
import { describeProgress, progressBar } from './projections-progress';

const at = (position: number, elapsedMs: number): RebuildProgress => ({
  projection: 'case-summary',
  phase: 'building',
  position,
  target: 10_000,
  applied: position,
  elapsedMs,
});

describe('the rebuild progress bar', () => {
  it('shows the share done, events per second and the time left at that rate', () => {
    expect(describeProgress(at(2_500, 5_000))).toBe('case-summary building [######------------------]  25% 2500/10000 500 events/s 0:15 left');
  });

  it('redraws one line in place on a terminal, and ends it when done', () => {
    let written = '';
    let now = 0;
    const bar = progressBar({ isTTY: true, columns: 200, write: (t: string) => (written += t) }, () => now);
    bar.update(at(1_000, 1_000));
    now = 50; // too soon to redraw
    bar.update(at(1_100, 1_050));
    now = 200;
    bar.update(at(2_000, 2_000));
    bar.done();
    expect(written.split('\r\x1b[2K')).toEqual(['', expect.stringContaining(' 1000/10000 '), expect.stringContaining(' 2000/10000 '), expect.stringMatching(/ 2000\/10000 .*\n$/)]);
    expect(written.match(/\n/g)).toHaveLength(1);
  });

  it('writes plain lines, a few seconds apart, when stderr is not a terminal', () => {
    let written = '';
    let now = 0;
    const bar = progressBar({ isTTY: false, write: (t: string) => (written += t) }, () => now);
    for (let second = 0; second <= 5; second += 1) {
      now = 1_000 + second * 1_000;
      bar.update(at(1_000 * (second + 1), now));
    }
    bar.done();
    expect(written).not.toContain('\r');
    // The first update, then one every 2 s, then the final state.
    expect(written.trimEnd().split('\n').map((l) => /\d+\/\d+/.exec(l)?.[0])).toEqual(['1000/10000', '3000/10000', '5000/10000', '6000/10000']);
  });
});
