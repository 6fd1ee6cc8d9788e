import { FactKind } from './report-fact';

export interface FactGroup {
  kind: string;
  dimension: string | null;
  /** How many facts. */
  facts: number;
  /** The sum of their quantities. */
  total: number;
}

/** The grouped facts of one period, read the ways the report needs. */
export class FactTally {
  constructor(private readonly groups: readonly FactGroup[]) {}

  /** How many facts of the kind (with that dimension, when given). */
  count(kind: FactKind, dimension?: string): number {
    return this.matching(kind, dimension).reduce((sum, g) => sum + g.facts, 0);
  }

  /** The sum of the quantities (pence, charges) of the kind's facts. */
  total(kind: FactKind, dimension?: string): number {
    return this.matching(kind, dimension).reduce((sum, g) => sum + g.total, 0);
  }

  /**
   * Counts by dimension: every known value (zero when none), then any other value recorded, so a
   * value added to a list later is still reported.
   */
  countBy(kind: FactKind, known: readonly string[]): Record<string, number> {
    const values = new Set(known);
    this.groups.forEach((g) => {
      if (g.kind === kind && g.dimension !== null) values.add(g.dimension);
    });
    return Object.fromEntries([...values].map((value) => [value, this.count(kind, value)]));
  }

  private matching(kind: FactKind, dimension?: string): FactGroup[] {
    return this.groups.filter((g) => g.kind === kind && (dimension === undefined || g.dimension === dimension));
  }
}
