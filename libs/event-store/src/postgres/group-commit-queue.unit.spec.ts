import { GroupCommitQueue } from './group-commit-queue';

/** A send function whose calls a test answers by hand, one at a time. */
function manualSend() {
  const calls: { items: number[]; answer: (outcomes: PromiseSettledResult<string>[]) => void; fail: (e: Error) => void }[] = [];
  const send = (items: number[]) =>
    new Promise<PromiseSettledResult<string>[]>((answer, fail) => calls.push({ items, answer, fail }));
  const allFulfilled = (items: number[]): PromiseSettledResult<string>[] =>
    items.map((item) => ({ status: 'fulfilled', value: `sent ${item}` }));
  /** Answers call `index` with success for each item and lets the queue move on. */
  const succeed = async (index: number) => {
    calls[index]!.answer(allFulfilled(calls[index]!.items));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { calls, send, succeed };
}

describe('GroupCommitQueue', () => {
  const bounds = { maxItems: 3, maxWeight: 100 };

  it('sends a lone item at once, without waiting for company', async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, () => 1);
    const result = queue.submit(7);
    expect(calls.map((c) => c.items)).toEqual([[7]]);
    await succeed(0);
    await expect(result).resolves.toBe('sent 7');
  });

  it('sends what arrived during a call together, in arrival order, when that call returns', async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, () => 1);
    const results = [1, 2, 3].map((item) => queue.submit(item));
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    await succeed(0);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
    await succeed(1);
    await expect(Promise.all(results)).resolves.toEqual(['sent 1', 'sent 2', 'sent 3']);
  });

  it('lets callers that submit again as soon as they are answered go together, not the first one alone', async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, () => 1);
    // Each caller hears its answer through several promise hops, as through the store's append.
    const caller = async (first: number) => {
      await queue.submit(first);
      for (let hop = 0; hop < 5; hop++) await Promise.resolve();
      return queue.submit(first + 10);
    };
    const results = [1, 2, 3].map(caller);
    await succeed(0);
    // 11 came while 2 and 3 waited, as the answer to 1 was handled: it goes with them.
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 11]]);
    await succeed(1);
    // Without waiting for the answered callers, 12 would have gone alone and 13 after it.
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 11], [12, 13]]);
    await succeed(2);
    await expect(Promise.all(results)).resolves.toEqual(['sent 11', 'sent 12', 'sent 13']);
  });

  it('cuts groups at the item and weight bounds, and sends an overweight item alone', async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, (item: number) => item);
    // 1 goes at once; then at most 3 items and 100 in weight per group.
    const results = [1, 10, 10, 10, 10, 60, 50, 500, 5].map((item) => queue.submit(item));
    for (let i = 0; i < 6; i++) await succeed(i);
    expect(calls.map((c) => c.items)).toEqual([[1], [10, 10, 10], [10, 60], [50], [500], [5]]);
    await Promise.all(results);
  });

  it("gives each caller its own item's outcome", async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, () => 1);
    const results = [1, 2, 3].map((item) => queue.submit(item).catch((error: Error) => error.message));
    await succeed(0);
    calls[1]!.answer([
      { status: 'rejected', reason: new Error('2 was refused') },
      { status: 'fulfilled', value: 'sent 3' },
    ]);
    await expect(Promise.all(results)).resolves.toEqual(['sent 1', '2 was refused', 'sent 3']);
  });

  it('rejects every item of a group whose call fails, and goes on with the next group', async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, { maxItems: 2, maxWeight: 100 }, () => 1);
    const results = [1, 2, 3, 4].map((item) => queue.submit(item).catch((error: Error) => error));
    await succeed(0);
    const lost = new Error('connection lost');
    calls[1]!.fail(lost);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls[2]!.items).toEqual([4]);
    await succeed(2);
    expect(await Promise.all(results)).toEqual(['sent 1', lost, lost, 'sent 4']);
  });

  it('settles an item the send function gave no outcome for, instead of leaving it waiting', async () => {
    const { calls, send } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, () => 1);
    const result = queue.submit(1);
    calls[0]!.answer([]);
    await expect(result).rejects.toThrow('no outcome for item 0 of 1');
  });

  it('on close, still sends what is queued, refuses what comes later, and resolves when all settled', async () => {
    const { calls, send, succeed } = manualSend();
    const queue = new GroupCommitQueue(send, bounds, () => 1);
    const results = [1, 2].map((item) => queue.submit(item));
    let closed = false;
    const closing = queue.close(() => new Error('closed')).then(() => (closed = true));
    await expect(queue.submit(3)).rejects.toThrow('closed');
    await succeed(0);
    expect(closed).toBe(false);
    await succeed(1);
    await closing;
    await expect(Promise.all(results)).resolves.toEqual(['sent 1', 'sent 2']);
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
  });
});
