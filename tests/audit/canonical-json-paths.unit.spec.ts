import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, eventHash, GENESIS_HASH, hashedMetadata } from '@casetrail/workflow';

/**
 * canonicalJson writes most values through a sorted copy and JSON.stringify, and the rest member
 * by member (event-hash.ts); eventHash writes the content's top level itself. Both must give the
 * text of the plain RFC 8785 definition, below, for every value, or stored chains stop verifying.
 */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

const awkwardKey = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '10', '9', '1a', 'constructor', 'é', '\u2028', ''));
const awkwardValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.constantFrom(undefined, -0, 1e21, 0.1),
    fc.array(tie('value')),
    fc.dictionary(awkwardKey, tie('value')),
  ),
})).value;

describe('canonical JSON, fast and member-by-member paths', () => {
  it('gives the reference text for any value, whatever its keys (index-like, __proto__, unsorted)', () => {
    fc.assert(
      fc.property(awkwardValue, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('eventHash is SHA-256 of the previous hash and the reference text of the whole content', () => {
    const content = fc.record({
      eventId: fc.uuid(),
      streamId: fc.string(),
      revision: fc.nat(),
      type: fc.string(),
      schemaVersion: fc.nat(),
      data: awkwardValue,
      metadata: fc.dictionary(awkwardKey, fc.jsonValue()),
    });
    fc.assert(
      fc.property(content, (event) => {
        const text = reference({ ...event, metadata: hashedMetadata(event.metadata) });
        expect(eventHash(GENESIS_HASH, event)).toBe(createHash('sha256').update(GENESIS_HASH + text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
