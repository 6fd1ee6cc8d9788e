/**
 * What a personal field holds once stored: a small self-describing object in the value's place,
 * so the event's JSON keeps its shape (docs/privacy.md, ADR 0009).
 *
 * - `$pii`: format version (1);
 * - `s`: the data subject whose key encrypted it;
 * - `iv`, `ct`, `tag`: AES-256-GCM nonce (96 bits), ciphertext of the value's JSON, and tag,
 *   all base64. The subject id is the additional authenticated data, so an envelope cannot be
 *   moved to another subject's key.
 *
 * An envelope without `ct` was shredded at write: its subject had already been erased.
 */
export interface PiiEnvelope {
  $pii: 1;
  s: string;
  iv?: string;
  ct?: string;
  tag?: string;
}

/** What a personal field reads as once its subject's key is destroyed. */
export const ERASED = '[erased]';

export function isPiiEnvelope(value: unknown): value is PiiEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>).$pii === 1 &&
    typeof (value as Record<string, unknown>).s === 'string'
  );
}

/** Every subject id named by envelopes anywhere in `value`. */
export function subjectsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (isPiiEnvelope(value)) into.add(value.s);
  else if (Array.isArray(value)) value.forEach((item) => subjectsIn(item, into));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => subjectsIn(item, into));
  return into;
}

/** `value` with every envelope replaced by what `open` makes of it; untouched parts are shared, not copied. */
export function replaceEnvelopes(value: unknown, open: (envelope: PiiEnvelope) => unknown): unknown {
  if (isPiiEnvelope(value)) return open(value);
  if (Array.isArray(value)) {
    let changed = false;
    const mapped = value.map((item) => {
      const next = replaceEnvelopes(item, open);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? mapped : value;
  }
  if (typeof value === 'object' && value !== null) {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = replaceEnvelopes(item, open);
      if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return out ?? value;
  }
  return value;
}
