import { createHash } from 'node:crypto';

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
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // String building rather than map/join: verification runs this once per stored event.
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      text += value[i] === undefined ? 'null' : canonicalJson(value[i]);
    }
    return `${text}]`;
  }
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
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

/** The hash of an event that follows `previousHash` in its stream (hex SHA-256). */
export function eventHash(previousHash: string, event: HashedContent): string {
  const content = {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: hashedMetadata(event.metadata),
  };
  // previousHash is fixed-length hex, so the concatenation cannot be read two ways.
  return createHash('sha256').update(previousHash, 'utf8').update(canonicalJson(content), 'utf8').digest('hex');
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
