/** One field that differs between two states of a case. */
export interface FieldChange {
  /** `stage`, `victims[0].contact.phone`, `deadlines["asb-…/ASB_TRIAGE_DUE"].status`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** Absent when the field did not exist before (added). */
  before?: unknown;
  /** Absent when the field no longer exists (removed). */
  after?: unknown;
}

/**
 * The field-level changes from one state to another, leaves only: a new object shows as each of
 * its fields added. Arrays are compared index by index (case lists only ever grow at the end).
 */
export function diffStates(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, changes: FieldChange[]): void {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? range(Math.max(before.length, (after as unknown[]).length))
      : [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      walk(member(before, key), member(after, key), childPath(path, key), changes);
    }
    return;
  }
  if (before === undefined && after === undefined) return;
  if (before === undefined) return leaves(after, path, 'added', changes);
  if (after === undefined) return leaves(before, path, 'removed', changes);
  if (!sameValue(before, after)) changes.push({ path: path || '(state)', change: 'changed', before, after });
}

/** Every leaf of a value that appeared or disappeared as a whole. */
function leaves(value: unknown, path: string, change: 'added' | 'removed', changes: FieldChange[]): void {
  if (isContainer(value) && Object.keys(value).length > 0) {
    for (const key of Array.isArray(value) ? range(value.length) : Object.keys(value).sort()) {
      leaves(member(value, key), childPath(path, key), change, changes);
    }
    return;
  }
  if (value === undefined) return;
  changes.push(change === 'added' ? { path, change, after: value } : { path, change, before: value });
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function member(container: Record<string, unknown> | unknown[], key: string | number): unknown {
  return Array.isArray(container) ? container[key as number] : container[key as string];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (PLAIN_KEY.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isContainer(a) || isContainer(b)) return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b) || a === b;
}
