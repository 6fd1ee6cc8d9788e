import { decideErasure, evolveSubject, SUBJECT_ERASED, SubjectAlreadyErasedError, CachedSubjectKeys, SubjectKeyStore, SubjectKey, newDataKey } from '@casetrail/privacy';

const command = { subjectId: 's-1', caseId: 'asb-1', slot: 'victims[0]', reason: 'Art. 17 request DPO-1' };

describe('EraseSubject', () => {
  it('rule SUBJECT_ERASED_ONCE: records who, which case and why, once; a second erasure is refused', () => {
    const erased = decideErasure(command, {}, '2026-03-02T10:00:00Z');
    expect(erased).toEqual({ subjectId: 's-1', caseIds: ['asb-1'], slot: 'victims[0]', reason: 'Art. 17 request DPO-1', erasedAt: '2026-03-02T10:00:00Z' });
    const state = evolveSubject({}, { type: SUBJECT_ERASED, data: erased });
    expect(() => decideErasure(command, state, '2026-03-03T10:00:00Z')).toThrow(SubjectAlreadyErasedError);
  });
});

/** A key store in memory, counting what reaches it: the cache under test sits in front of it. */
class CountingKeys implements SubjectKeyStore {
  readonly rows = new Map<string, SubjectKey>([['a', { state: 'live', key: newDataKey() }]]);
  reads = 0;
  async ensure() {
    return new Map(this.rows);
  }
  async keys(ids: readonly string[]) {
    this.reads += 1;
    return new Map(ids.filter((id) => this.rows.has(id)).map((id) => [id, this.rows.get(id)!]));
  }
  async destroy(id: string) {
    this.rows.set(id, { state: 'destroyed' });
    return true;
  }
  async subject() {
    return undefined;
  }
  async subjectsOfCase() {
    return [];
  }
}

describe('the key cache', () => {
  it('keeps unwrapped keys briefly, forgets them after their lifetime, and evicts a destroyed key at once', async () => {
    const inner = new CountingKeys();
    let now = 0;
    const cache = new CachedSubjectKeys(inner, 1000, () => now);
    await cache.keys(['a']);
    await cache.keys(['a']);
    expect(inner.reads).toBe(1);
    now = 1001;
    await cache.keys(['a']);
    expect(inner.reads).toBe(2);
    await cache.destroy('a', '2026-01-01T00:00:00Z');
    expect((await cache.keys(['a'])).get('a')).toEqual({ state: 'destroyed' });
    // Destroyed keys are never cached: every read asks the store again.
    await cache.keys(['a']);
    expect(inner.reads).toBe(4);
  });

  it('tells its listeners of each destruction once the store has destroyed the key, so decrypted copies can be dropped', async () => {
    const inner = new CountingKeys();
    const cache = new CachedSubjectKeys(inner);
    const told: [string, SubjectKey | undefined][] = [];
    cache.onDestroyed((id) => told.push([id, inner.rows.get(id)]));
    await cache.destroy('a', '2026-01-01T00:00:00Z');
    expect(told).toEqual([['a', { state: 'destroyed' }]]);
  });
});
