import { createCipheriv, createDecipheriv } from 'node:crypto';
import { ERASED, PiiEnvelope } from './pii-envelope';
import { pooledRandomBytes } from './random-pool';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/** A subject's data key: 32 random bytes, or `destroyed` once the subject is erased. */
export type SubjectKey = { state: 'live'; key: Buffer } | { state: 'destroyed' };

export function newDataKey(): Buffer {
  return pooledRandomBytes(32);
}

/** Encrypts a value (its JSON, so arrays and numbers round-trip) under the subject's key. */
export function sealValue(subjectId: string, key: Buffer, value: unknown): PiiEnvelope {
  const iv = pooledRandomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $pii: 1, s: subjectId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** An envelope for a value written after its subject was erased: nothing of it is kept. */
export function shreddedValue(subjectId: string): PiiEnvelope {
  return { $pii: 1, s: subjectId };
}

export class EnvelopeIntegrityError extends Error {
  constructor(subjectId: string) {
    super(`A personal-data envelope of subject ${subjectId} failed authentication (altered ciphertext or wrong key)`);
    this.name = 'EnvelopeIntegrityError';
  }
}

/** The value, or ERASED when the key is destroyed or the value was shredded at write. */
export function openValue(envelope: PiiEnvelope, key: SubjectKey): unknown {
  if (envelope.ct === undefined || envelope.iv === undefined || envelope.tag === undefined) return ERASED;
  if (key.state === 'destroyed') return ERASED;
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(envelope.s, 'utf8'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new EnvelopeIntegrityError(envelope.s);
  }
}
