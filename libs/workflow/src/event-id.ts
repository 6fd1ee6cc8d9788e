import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Namespace of the ids of events a command writes. Never change it: a retry of a command sent
 * before the change would get new ids and could be written twice.
 */
export const COMMAND_EVENT_NAMESPACE = '7c8e5dc2-fd14-4324-ba9d-28290a2a08dd';

/** A name-based UUID, version 5 (SHA-1), as RFC 9562 s5.5 defines it. */
export function nameBasedUuid(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new RangeError(`namespace is not a UUID: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the `index`-th event a command writes. The same command always yields the same ids,
 * so the store recognises a retry instead of writing it again.
 */
export function commandEventId(commandId: string, index: number): string {
  return nameBasedUuid(COMMAND_EVENT_NAMESPACE, `${commandId}/${index}`);
}
