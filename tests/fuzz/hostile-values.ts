import fc from 'fast-check';

/**
 * What a hostile or broken client sends, as fast-check arbitraries: odd Unicode, injection and
 * traversal strings, prototype keys, wrong types, huge values. Used by hostile-input.e2e.spec.ts.
 */

export const SQL_INJECTION = [
  "' OR '1'='1",
  "1; DROP TABLE events; --",
  "x' UNION SELECT payload FROM events --",
  '" OR ""="',
  "'); DELETE FROM idempotency_keys; --",
  '1 OR 1=1',
  "asb-00000000-0000-0000-0000-000000000000' OR 1=1 --",
  "\\'; SELECT pg_sleep(0); --",
];

export const PATH_TRAVERSAL = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fdata%2fcasetrail.db', '....//....//', '..\\..\\windows', '/etc/shadow', 'asb-../../data/jwt-secret'];

export const ODD_UNICODE = [
  '\u202Eevil\u202C', // right-to-left override
  'zero\u200Bwidth\u200D', // zero-width space and joiner
  'nul\u0000byte',
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'a\uDC00b\uD83D',
  '\uFEFFbom',
  'Ａｄｍｉｎ', // full-width
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301',
  '\u0000\u0001\u001f\u007f',
  'مرحبا',
];

/** Raw path segments that are not valid percent-encoding or UTF-8 once decoded. */
export const BROKEN_PERCENT = ['%', '%zz', '%ED%A0%80', '%C0%AF', '%00', '%FF%FE', '%E2%80%AE'];

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', '$ne'];

const huge = fc.constantFrom('x'.repeat(100_000), 'é'.repeat(60_000), '\uD800'.repeat(20_000));

/** A string a client might send anywhere a string is expected. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL, ...ODD_UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: huge },
);

/** Any JSON value, with hostile strings and keys, nested a little. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 1.5),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * JSON text for a value. Built by hand, not JSON.stringify of an object literal, so that a
 * `__proto__` key reaches the server as an own key (as an attacker would send it).
 */
export function toJsonText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An object with a prototype key as an own key, e.g. `{"__proto__": {"role": "admin"}}`. */
export const prototypePollution = fc
  .record({ key: fc.constantFrom('__proto__', 'constructor'), inner: fc.constantFrom('{"role":"admin","isAdmin":true}', '{"prototype":{"polluted":1}}', '"x"', 'null') })
  .map(({ key, inner }) => `{"${key}":${inner}}`);

/** Bodies that are not JSON, or JSON of the wrong shape. */
export const malformedBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '{', '{"type":', '[1,2', 'null', 'undefined', 'NaN', '{"a":1}{"b":2}', "{'single':'quotes'}", '{"a":1,}', '\u0000', '"just a string"', '123', 'true', '[]'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  prototypePollution,
  // Nested deeply enough to overflow a recursive walker, well under the body limit.
  fc.constantFrom(20_000, 120_000).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.constantFrom(20_000, 60_000).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** An id for a path segment: hostile text, percent-encoded (and sometimes broken encoding). */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(encodeSegment) },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN_PERCENT) },
  { weight: 1, arbitrary: fc.constantFrom(...PATH_TRAVERSAL) },
);

/** Percent-encodes a string as UTF-8, without throwing on lone surrogates (they become U+FFFD). */
export function encodeSegment(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A query string of hostile names and values, with repeated names (they arrive as arrays). */
export const hostileQuery: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('type', 'stage', 'assignee', 'risk', 'agency', 'asOf', 'revision', 'from', 'to', 'format', 'limit', 'cursor', 'consistentWith', 'q', 'sort', '__proto__', 'constructor[prototype]', 'a[b][c]'), hostileString), hostileString), { maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v.slice(0, 2000))}`).join('&')}`));
