import * as nodeCrypto from 'node:crypto';

/**
 * The hash chain of a stream (ADR 0007, docs/audit.md). Each event's metadata carries
 * `previousHash` and `hash = SHA-256(previousHash + canonicalJson(content))`, so changing,
 * removing or moving any recorded event breaks every link after it.
 *
 * It lives here, beside the command path that seals events, so that the audit lib that verifies
 * chains and the handler that writes them share one definition.
 */

/** What the first event of a stream chains to: 64 zeros, as long as any SHA-256 hex digest. */
export const GENESIS_HASH = '0'.repeat(64);

/** Metadata keys that are not hashed: the seal itself, and the time the store stamps after sealing. */
export const UNHASHED_METADATA_KEYS = ['hash', 'previousHash', 'recordedAt'] as const;

/** The fields of an event that its hash covers, as the store holds them. */
export interface HashedContent {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * JSON with object keys sorted by UTF-16 code units and no white space: RFC 8785 (JCS) for the
 * values an event can hold. Objects drop undefined members and arrays write them as null, exactly
 * as JSON.stringify (and so the store) does, so an event hashes the same before it is stored and
 * after it is read back.
 *
 * Verification runs this once per stored event, so the common case is fast: a copy of the value
 * with its keys inserted in sorted order, written by the native JSON.stringify. Values that copy
 * cannot represent (keys that look like array indices, which objects always list first; a
 * `__proto__` key; anything but plain objects, arrays and primitives) take the member-by-member
 * writer, which gives the same text for any value both accept.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === NOT_COPYABLE ? writeCanonical(value) : (JSON.stringify(sorted) ?? 'null');
}

const NOT_COPYABLE = Symbol('not copyable');

function sortedCopy(value: unknown): unknown {
  if (value === null) return value;
  const kind = typeof value;
  if (kind === 'function' || kind === 'symbol' || kind === 'bigint') return NOT_COPYABLE;
  if (kind !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const member = sortedCopy(value[i]);
      if (member === NOT_COPYABLE) return NOT_COPYABLE;
      copy[i] = member;
    }
    return copy;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_COPYABLE;
  const keys = Object.keys(value as object);
  let inOrder = true;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return NOT_COPYABLE;
    if (i > 0 && keys[i - 1]! > key) inOrder = false;
  }
  if (!inOrder) keys.sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const member = sortedCopy((value as Record<string, unknown>)[key]);
    if (member === NOT_COPYABLE) return NOT_COPYABLE;
    copy[key] = member;
  }
  return copy;
}

function writeCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      text += value[i] === undefined ? 'null' : writeCanonical(value[i]);
    }
    return `${text}]`;
  }
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${writeCanonical(member)}`;
  }
  return `${text}}`;
}

/** The metadata as hashed: everything the caller wrote, less the seal and the store's clock. */
export function hashedMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const hashed: Record<string, unknown> = {};
  // Copied without the unhashed keys rather than deleted from a copy: `delete` slows the object down.
  for (const key of Object.keys(metadata)) {
    if (!(UNHASHED_METADATA_KEYS as readonly string[]).includes(key)) hashed[key] = metadata[key];
  }
  return hashed;
}

/** One-shot SHA-256 (node:crypto `hash`, Node >= 20.12), else a Hash object: the same digest. */
const sha256Hex: (text: string) => string =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'hex')
    : (text) => nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of an event that follows `previousHash` in its stream (hex SHA-256). */
export function eventHash(previousHash: string, event: HashedContent): string {
  const { eventId, streamId, revision, type, schemaVersion, data } = event;
  const metadata = hashedMetadata(event.metadata);
  // The content's keys written in their sorted order (data, eventId, metadata, revision,
  // schemaVersion, streamId, type): the same text as canonicalJson of the content object, which
  // is what a field that is missing (and so dropped) falls back to.
  const content = [eventId, streamId, revision, type, schemaVersion, data].includes(undefined)
    ? canonicalJson({ eventId, streamId, revision, type, schemaVersion, data, metadata })
    : `{"data":${canonicalJson(data)},"eventId":${canonicalJson(eventId)},"metadata":${canonicalJson(metadata)},` +
      `"revision":${canonicalJson(revision)},"schemaVersion":${canonicalJson(schemaVersion)},` +
      `"streamId":${canonicalJson(streamId)},"type":${canonicalJson(type)}}`;
  // previousHash is fixed-length hex, so the concatenation cannot be read two ways.
  return sha256Hex(previousHash + content);
}

/**
 * The hash a new event chains to: the stream's last event's. A stream written before the chain
 * existed has no hash on its last event; it continues from the genesis value, and `verify`
 * reports its unsealed events.
 */
export function chainHeadOf(last: { metadata: Record<string, unknown> } | undefined): string {
  const hash = last?.metadata.hash;
  return typeof hash === 'string' ? hash : GENESIS_HASH;
}
