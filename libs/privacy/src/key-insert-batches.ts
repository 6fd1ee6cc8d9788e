/**
 * New subjects' key rows written together. Under load many commands each name a new subject (an
 * incident's free text has its own) at the same moment; one insert for all of them, with its
 * statements around it, costs about what one did alone. Rows are gathered until the event loop
 * turns (setImmediate), as the event store's group commit gathers appends.
 */
export class KeyInsertBatches<Row> {
  private pending: { rows: Row[]; resolve: (allInserted: boolean) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  /** `insert` writes the rows, leaving any already there as they are, and says how many it inserted. */
  constructor(private readonly insert: (rows: Row[]) => Promise<number>) {}

  /**
   * Resolves true when every row of the batch was inserted, so each caller's keys are the ones it
   * made; false when any was there already (another writer, or two callers naming one subject),
   * and callers must read their keys back.
   */
  add(rows: Row[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const rows = batch.flatMap((entry) => entry.rows);
    try {
      const inserted = await this.insert(rows);
      batch.forEach((entry) => entry.resolve(inserted === rows.length));
    } catch (error) {
      batch.forEach((entry) => entry.reject(error));
    }
  }
}
