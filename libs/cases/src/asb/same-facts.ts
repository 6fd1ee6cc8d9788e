/**
 * Whether two records state the same facts, whatever their key order and however an absent
 * optional field is written. Used to tell a retried command from a conflicting one.
 */
export function sameFacts(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([k1], [k2]) => k1.localeCompare(k2)))
      : v,
  );
}
