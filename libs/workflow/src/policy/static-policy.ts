import { AppliedPolicy, PolicyLookup } from '../decider';
import { londonDate } from '../calendar';

/** One dated value of a policy key, as written in a policy file. */
export interface PolicyEntry<T = unknown> {
  effectiveFrom: string;
  value: T;
  source?: string;
}

/** section -> key -> entries. */
export type PolicyTable = Record<string, Record<string, PolicyEntry[]>>;

export class PolicyNotInForceError extends Error {
  readonly code = 'POLICY_NOT_IN_FORCE';
  constructor(
    readonly key: string,
    readonly at: string,
  ) {
    super(`No value of policy ${key} is in force on ${at}`);
    this.name = 'PolicyNotInForceError';
  }
}

/**
 * Effective-dated lookup over a validated table. The file loader (policy-loader.ts) builds one
 * from the repository's policy files; tests build one directly.
 */
export class StaticPolicy implements PolicyLookup {
  private readonly table: PolicyTable;

  constructor(table: PolicyTable) {
    // Latest first, so the first entry not after the date is the one in force.
    this.table = Object.fromEntries(
      Object.entries(table).map(([section, keys]) => [
        section,
        Object.fromEntries(
          Object.entries(keys).map(([key, entries]) => [
            key,
            [...entries].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)),
          ]),
        ),
      ]),
    );
  }

  get<T>(section: string, key: string, at: string): AppliedPolicy<T> {
    const day = londonDate(at);
    const entry = this.table[section]?.[key]?.find((e) => e.effectiveFrom <= day);
    if (!entry) throw new PolicyNotInForceError(`${section}.${key}`, day);
    return {
      key: `${section}.${key}`,
      value: entry.value as T,
      effectiveFrom: entry.effectiveFrom,
      ...(entry.source ? { source: entry.source } : {}),
    };
  }

  sections(): string[] {
    return Object.keys(this.table);
  }
}
