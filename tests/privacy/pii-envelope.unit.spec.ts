import { ERASED, EnvelopeIntegrityError, isPiiEnvelope, KeyWrapper, newDataKey, openValue, replaceEnvelopes, sealValue, shreddedValue, subjectsIn } from '@casetrail/privacy';

const SUBJECT = '0b1f5a52-5d3e-5b8e-9a0f-3f7d0c2a9e11';

describe('personal-data envelopes (AES-256-GCM per subject)', () => {
  const key = newDataKey();

  it('round-trips any JSON value: strings, dates, arrays of answers', () => {
    for (const value of ['Jane Doe', '1967-08-29', ['yes', 'no', 'yes'], { a: 1 }, 42]) {
      expect(openValue(sealValue(SUBJECT, key, value), { state: 'live', key })).toEqual(value);
    }
  });

  it('is self-describing, with a random 96-bit IV and a 128-bit tag, and holds no plaintext', () => {
    const a = sealValue(SUBJECT, key, 'Jane Doe');
    const b = sealValue(SUBJECT, key, 'Jane Doe');
    expect(Object.keys(a).sort()).toEqual(['$pii', 'ct', 'iv', 's', 'tag']);
    expect(a).toMatchObject({ $pii: 1, s: SUBJECT });
    expect(Buffer.from(a.iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag!, 'base64')).toHaveLength(16);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain('Jane');
    expect(isPiiEnvelope(a)).toBe(true);
    expect(isPiiEnvelope({ s: SUBJECT })).toBe(false);
  });

  it('rule ERASED_READS_AS_MARKER: with the key destroyed, or shredded at write, a value reads "[erased]"', () => {
    expect(openValue(sealValue(SUBJECT, key, '1967-08-29'), { state: 'destroyed' })).toBe(ERASED);
    expect(openValue(shreddedValue(SUBJECT), { state: 'live', key })).toBe(ERASED);
  });

  it('refuses altered ciphertext, another key, and an envelope moved to another subject', () => {
    const sealed = sealValue(SUBJECT, key, 'Jane Doe');
    const flipped = Buffer.from(sealed.ct!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openValue({ ...sealed, ct: flipped.toString('base64') }, { state: 'live', key })).toThrow(EnvelopeIntegrityError);
    expect(() => openValue(sealed, { state: 'live', key: newDataKey() })).toThrow(EnvelopeIntegrityError);
    expect(() => openValue({ ...sealed, s: '1b1f5a52-5d3e-5b8e-9a0f-3f7d0c2a9e11' }, { state: 'live', key })).toThrow(EnvelopeIntegrityError);
  });

  it('finds and replaces envelopes anywhere in event data, sharing untouched parts', () => {
    const data = { a: { name: sealValue(SUBJECT, key, 'Jane') }, list: [1, sealValue('other', key, 'x')], plain: { b: 2 } };
    expect([...subjectsIn(data)].sort()).toEqual([SUBJECT, 'other']);
    const opened = replaceEnvelopes(data, () => ERASED) as typeof data;
    expect(opened).toEqual({ a: { name: ERASED }, list: [1, ERASED], plain: { b: 2 } });
    expect(opened.plain).toBe(data.plain);
    const untouched = { x: [1, 2] };
    expect(replaceEnvelopes(untouched, () => ERASED)).toBe(untouched);
  });
});

describe('key wrapping by the master key', () => {
  const wrapper = new KeyWrapper(Buffer.alloc(32, 1));

  it('wraps a data key so that only the same master key and subject unwrap it', () => {
    const dataKey = newDataKey();
    const wrapped = wrapper.wrap(SUBJECT, dataKey);
    expect(wrapped).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(wrapper.unwrap(SUBJECT, wrapped).equals(dataKey)).toBe(true);
    expect(() => new KeyWrapper(Buffer.alloc(32, 2)).unwrap(SUBJECT, wrapped)).toThrow(/CASETRAIL_MASTER_KEY/);
    expect(() => wrapper.unwrap('another-subject', wrapped)).toThrow(/does not unwrap/);
    expect(() => new KeyWrapper(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
