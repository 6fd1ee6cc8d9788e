import { createCipheriv, createDecipheriv } from 'node:crypto';
import { pooledRandomBytes } from './random-pool';

/**
 * Data keys at rest are wrapped (AES-256-GCM) by the master key (CASETRAIL_MASTER_KEY), with the
 * subject id as additional authenticated data: a wrapped key copied onto another subject's row
 * does not unwrap. Stored as `v1.<iv>.<ciphertext>.<tag>` (base64).
 */
export class KeyWrapper {
  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
  }

  wrap(subjectId: string, dataKey: Buffer): string {
    const iv = pooledRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(subjectId, 'utf8'));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return ['v1', iv, ct, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64'))).join('.');
  }

  unwrap(subjectId: string, wrapped: string): Buffer {
    const [version, iv, ct, tag] = wrapped.split('.');
    if (version !== 'v1' || !iv || !ct || !tag) throw new Error(`the key of subject ${subjectId} is not in a known wrapping`);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(subjectId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]);
    } catch {
      throw new Error(`the key of subject ${subjectId} does not unwrap with this master key (is CASETRAIL_MASTER_KEY the one it was written with?)`);
    }
  }
}
