import { SubjectKey } from './subject-cipher';
import { SubjectKeyStore, SubjectRecord } from './subject-key-store.port';

/**
 * Unwrapped keys kept in memory for a short while (default 30 s), so reading a stream does not
 * unwrap every key again. A key destroyed here is evicted at once; one destroyed by another
 * process is forgotten here within the lifetime. Destroyed keys are not cached as live, ever.
 */
export class CachedSubjectKeys implements SubjectKeyStore {
  private readonly cache = new Map<string, { key: SubjectKey; until: number }>();
  private readonly destroyedListeners: ((subjectId: string) => void)[] = [];

  constructor(
    private readonly inner: SubjectKeyStore,
    private readonly lifetimeMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async ensure(subjects: readonly Omit<SubjectRecord, 'createdAt' | 'destroyedAt'>[], now: string): Promise<Map<string, SubjectKey>> {
    const cached = this.fromCache(subjects.map((s) => s.subjectId));
    const missing = subjects.filter((s) => !cached.has(s.subjectId));
    if (missing.length === 0) return cached;
    return this.remember(cached, await this.inner.ensure(missing, now));
  }

  async keys(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>> {
    const cached = this.fromCache(subjectIds);
    const missing = subjectIds.filter((id) => !cached.has(id));
    if (missing.length === 0) return cached;
    return this.remember(cached, await this.inner.keys(missing));
  }

  async destroy(subjectId: string, now: string): Promise<boolean> {
    this.cache.delete(subjectId);
    try {
      return await this.inner.destroy(subjectId, now);
    } finally {
      this.cache.delete(subjectId);
      this.destroyedListeners.forEach((listener) => listener(subjectId));
    }
  }

  /**
   * Called after each destruction this process makes (whether or not it found a live key), so
   * that whatever holds values decrypted with the key (kept case states) can drop them.
   */
  onDestroyed(listener: (subjectId: string) => void): void {
    this.destroyedListeners.push(listener);
  }

  subject(subjectId: string): Promise<SubjectRecord | undefined> {
    return this.inner.subject(subjectId);
  }

  subjectsOfCase(caseId: string): Promise<SubjectRecord[]> {
    return this.inner.subjectsOfCase(caseId);
  }

  /** Forgets every key (e.g. on shutdown). */
  clear(): void {
    this.cache.clear();
  }

  private fromCache(subjectIds: readonly string[]): Map<string, SubjectKey> {
    const found = new Map<string, SubjectKey>();
    const now = this.now();
    for (const id of subjectIds) {
      const entry = this.cache.get(id);
      if (entry && entry.until > now) found.set(id, entry.key);
      else if (entry) this.cache.delete(id);
    }
    return found;
  }

  private remember(into: Map<string, SubjectKey>, fetched: Map<string, SubjectKey>): Map<string, SubjectKey> {
    const until = this.now() + this.lifetimeMs;
    for (const [id, key] of fetched) {
      into.set(id, key);
      if (key.state === 'live') this.cache.set(id, { key, until });
    }
    return into;
  }
}
