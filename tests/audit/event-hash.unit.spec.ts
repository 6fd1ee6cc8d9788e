import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalJson, eventHash, GENESIS_HASH } from '@casetrail/workflow';

/**
 * The worked example of docs/audit.md: pins the canonical form, so changing it fails here first.
 * The hash was checked with coreutils: printf '%s%s' <64 zeros> <canonical> | sha256sum.
 */
const EXAMPLE = {
  eventId: '2f1c7a52-5b1e-5c3a-9d7e-3b1f0c2a4e6d',
  streamId: 'asb-3f0c2a4e-8d5b-4b7a-9c1e-2f6d8a9b0c11',
  revision: 0,
  type: 'InvestigationStarted',
  schemaVersion: 1,
  data: { startedAt: '2026-03-03T10:00:00.000Z' },
  metadata: {
    actorId: 'officer-7',
    actorRole: 'caseworker',
    agency: 'tmbc',
    correlationId: 'req-1',
    causationId: 'cmd-1',
    commandId: 'cmd-1',
    occurredAt: '2026-03-03T10:00:00.000Z',
    recordedAt: '2026-03-03T10:00:00.123Z',
    previousHash: GENESIS_HASH,
    hash: 'not hashed',
  },
};
const EXAMPLE_CANONICAL =
  '{"data":{"startedAt":"2026-03-03T10:00:00.000Z"},"eventId":"2f1c7a52-5b1e-5c3a-9d7e-3b1f0c2a4e6d",' +
  '"metadata":{"actorId":"officer-7","actorRole":"caseworker","agency":"tmbc","causationId":"cmd-1","commandId":"cmd-1",' +
  '"correlationId":"req-1","occurredAt":"2026-03-03T10:00:00.000Z"},"revision":0,"schemaVersion":1,' +
  '"streamId":"asb-3f0c2a4e-8d5b-4b7a-9c1e-2f6d8a9b0c11","type":"InvestigationStarted"}';
const EXAMPLE_HASH = '433b77f2a2944d456911c7edd9ebde815944a68d7049741416cfc326c83c535d';

describe('canonical JSON', () => {
  it('sorts keys, drops white space and undefined members, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: undefined, y: -0 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":0}}');
    expect(canonicalJson([undefined, 1e21, 0.1])).toBe('[null,1e+21,0.1]');
    expect(canonicalJson({ é: 'ü', a: '\u2028' })).toBe('{"a":"\u2028","é":"ü"}');
  });

  it('is the same for a value and for what the store gives back after storing it as JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('does not depend on the order keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });
});

describe('the event hash', () => {
  const canonicalOfExample = () => {
    const { hash: _hash, previousHash: _previous, recordedAt: _recorded, ...hashed } = EXAMPLE.metadata;
    return canonicalJson({ ...EXAMPLE, metadata: hashed });
  };

  it('covers the documented fields in the documented form', () => {
    expect(canonicalOfExample()).toBe(EXAMPLE_CANONICAL);
    expect(eventHash(GENESIS_HASH, EXAMPLE)).toBe(EXAMPLE_HASH);
  });

  it('matches the worked example in docs/audit.md', () => {
    const doc = readFileSync(join(__dirname, '../../docs/audit.md'), 'utf8');
    expect(doc).toContain(EXAMPLE_CANONICAL);
    expect(doc).toContain(EXAMPLE_HASH);
  });

  it('ignores the store clock and the seal, and changes with anything else', () => {
    const base = eventHash(GENESIS_HASH, EXAMPLE);
    expect(eventHash(GENESIS_HASH, { ...EXAMPLE, metadata: { ...EXAMPLE.metadata, recordedAt: '2030-01-01T00:00:00Z', hash: 'x' } })).toBe(base);
    expect(eventHash('f'.repeat(64), EXAMPLE)).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...EXAMPLE, revision: 1 })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...EXAMPLE, data: { startedAt: '2026-03-03T10:00:00.001Z' } })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...EXAMPLE, metadata: { ...EXAMPLE.metadata, actorId: 'officer-8' } })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...EXAMPLE, schemaVersion: 2 })).not.toBe(base);
  });
});
