import { KeyInsertBatches } from './key-insert-batches';

describe('KeyInsertBatches', () => {
  it('writes the rows asked for in one turn of the event loop in one insert', async () => {
    const inserts: string[][] = [];
    const batches = new KeyInsertBatches<string>(async (rows) => {
      inserts.push(rows);
      return rows.length;
    });
    const answers = await Promise.all([batches.add(['a']), batches.add(['b', 'c']), batches.add(['d'])]);
    expect(inserts).toEqual([['a', 'b', 'c', 'd']]);
    expect(answers).toEqual([true, true, true]);
    expect(await batches.add(['e'])).toBe(true);
    expect(inserts).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });

  it('tells every caller of the batch to read its keys back when any row was there already', async () => {
    const stored = new Set(['b']);
    const batches = new KeyInsertBatches<string>(async (rows) => rows.filter((row) => !stored.has(row) && stored.add(row)).length);
    expect(await Promise.all([batches.add(['a']), batches.add(['b'])])).toEqual([false, false]);
  });

  it('fails every caller of the batch when the insert fails, and writes the next batch afresh', async () => {
    let fail = true;
    const batches = new KeyInsertBatches<string>(async (rows) => {
      if (fail) throw new Error('disk full');
      return rows.length;
    });
    const results = await Promise.allSettled([batches.add(['a']), batches.add(['b'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batches.add(['c'])).toBe(true);
  });
});
