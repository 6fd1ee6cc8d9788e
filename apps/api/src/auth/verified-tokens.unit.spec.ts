import { VerifiedTokens } from './verified-tokens';
import type { Principal } from './principal';

const alice: Principal = { userId: 'alice', role: 'caseworker', agency: 'tmbc', daAccess: false };
let nowMs: number;
const tokens = (options: { capacity?: number; lifetimeMs?: number } = {}) => new VerifiedTokens({ ...options, now: () => nowMs });
const inSeconds = (seconds: number) => nowMs / 1000 + seconds;

beforeEach(() => (nowMs = Date.parse('2026-03-02T10:00:00Z')));

describe('VerifiedTokens', () => {
  it('answers for a remembered token until its exp, never after it', () => {
    const kept = tokens();
    kept.remember('t1', alice, inSeconds(20));
    expect(kept.principalOf('t1')).toEqual(alice);
    nowMs += 19_999;
    expect(kept.principalOf('t1')).toEqual(alice);
    nowMs += 1;
    expect(kept.principalOf('t1')).toBeUndefined();
  });

  it('checks a long-lived token again after the lifetime', () => {
    const kept = tokens({ lifetimeMs: 60_000 });
    kept.remember('t1', alice, inSeconds(8 * 3600));
    nowMs += 59_999;
    expect(kept.principalOf('t1')).toEqual(alice);
    nowMs += 1;
    expect(kept.principalOf('t1')).toBeUndefined();
  });

  it('does not remember a token already expired', () => {
    const kept = tokens();
    kept.remember('t1', alice, inSeconds(-1));
    expect(kept.principalOf('t1')).toBeUndefined();
  });

  it('knows nothing of a token it was not given', () => {
    const kept = tokens();
    kept.remember('t1', alice, inSeconds(600));
    expect(kept.principalOf('t1x')).toBeUndefined();
  });

  it('forgets the oldest past its capacity', () => {
    const kept = tokens({ capacity: 2 });
    ['t1', 't2', 't3'].forEach((t) => kept.remember(t, { ...alice, userId: t }, inSeconds(600)));
    expect(kept.principalOf('t1')).toBeUndefined();
    expect(kept.principalOf('t2')).toMatchObject({ userId: 't2' });
    expect(kept.principalOf('t3')).toMatchObject({ userId: 't3' });
  });
});
