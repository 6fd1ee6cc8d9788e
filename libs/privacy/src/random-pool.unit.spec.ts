import { pooledRandomBytes } from './random-pool';

describe('pooledRandomBytes (keys and IVs for crypto-shredding)', () => {
  it('gives the length asked for, different bytes every time, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const bytes = pooledRandomBytes(i % 2 ? 12 : 32);
      expect(bytes).toHaveLength(i % 2 ? 12 : 32);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('hands out copies: changing one changes no other, and the next bytes are not zeros', () => {
    const first = pooledRandomBytes(32);
    const kept = Buffer.from(first);
    const second = pooledRandomBytes(32);
    first.fill(0);
    expect(second.equals(Buffer.alloc(32))).toBe(false);
    expect(kept.equals(Buffer.alloc(32))).toBe(false);
    expect(pooledRandomBytes(32).equals(second)).toBe(false);
  });

  it('serves requests larger than the pool directly, and refuses a count that is not a whole number', () => {
    expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
    expect(pooledRandomBytes(0)).toHaveLength(0);
    expect(() => pooledRandomBytes(-1)).toThrow(RangeError);
    expect(() => pooledRandomBytes(1.5)).toThrow(RangeError);
  });
});
