/** How long one refused write keeps storage reported as unable to write, unless a write succeeds. */
export const REFUSAL_REMEMBERED_MS = 10_000;

/**
 * The memory readiness keeps of writes refused for want of storage (a full or read-only disk, an
 * I/O error): the last one, forgotten REFUSAL_REMEMBERED_MS later or as soon as a write succeeds.
 * The SQLite store keeps one for its own appends; the API keeps one for every connection whose
 * refusal reaches an answer.
 */
export class RefusedWrites {
  private last?: { code: string; at: number };
  /** The clock, replaceable in tests. */
  now: () => number = Date.now;

  /** A write was refused for want of storage; `code` names how (a SQLite code). */
  refused(code: string): void {
    this.last = { code, at: this.now() };
  }

  /** A write succeeded: storage takes writes again. */
  accepted(): void {
    this.last = undefined;
  }

  /** Why writes were refused a moment ago, in words for a public health answer (no path), or undefined. */
  recent(): string | undefined {
    if (!this.last || this.now() - this.last.at >= REFUSAL_REMEMBERED_MS) return undefined;
    return `the last write was refused (${this.last.code})`;
  }
}
