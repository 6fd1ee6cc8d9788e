import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CasetrailConfig, CASETRAIL_CONFIG } from '@casetrail/shared';
import { CasetrailDatabase } from '@casetrail/persistence';
import { idempotencyKeyReused } from '../problems/http-errors';
import { DATABASE } from '../persistence/database.module';
import { Clock, CLOCK } from '../clock';
import { PERSONAL_DATA_SEALER, PersonalDataSealer } from '../privacy/privacy.tokens';

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Idempotency-Key: the same key with the same body replays the first response and appends
 * nothing; with a different body it is refused. Keys are per user and kept for
 * CASETRAIL_IDEMPOTENCY_TTL_HOURS. The command id derives from the key, so even two copies
 * racing each other write once (the store deduplicates their event ids).
 */
@Injectable()
export class Idempotency implements OnApplicationBootstrap, OnApplicationShutdown {
  private purging?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    @Inject(CASETRAIL_CONFIG) private readonly config: CasetrailConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    // Stored responses list the events written, personal data included: kept sealed (docs/privacy.md).
    @Optional() @Inject(PERSONAL_DATA_SEALER) private readonly sealer?: PersonalDataSealer,
  ) {}

  /** Expired keys are dropped hourly; a replay after expiry is treated as a new request. */
  onApplicationBootstrap(): void {
    this.purging = setInterval(() => void this.purgeExpired(this.clock().toISOString()).catch(() => undefined), 3_600_000);
    this.purging.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purging);
  }

  keyHash(userId: string, key: string): string {
    return sha256(`${userId}\n${key}`);
  }

  commandIdFor(keyHash: string, requestHash: string): string {
    return sha256(`${keyHash}\n${requestHash}`).slice(0, 40);
  }

  requestHash(method: string, path: string, body: unknown): string {
    return sha256(`${method} ${path}\n${JSON.stringify(body ?? null)}`);
  }

  /** The stored response for a replay, undefined for a new key; throws when the body differs. */
  async replay(keyHash: string, requestHash: string, now: string): Promise<StoredResponse | undefined> {
    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    if (!row || row.expires_at <= now) return undefined;
    if (row.request_hash !== requestHash) throw idempotencyKeyReused();
    const body: unknown = JSON.parse(row.response_body);
    return { status: row.status_code, body: this.sealer ? await this.sealer.open(body) : body, headers: JSON.parse(row.response_headers) };
  }

  /** `caseId`: the case whose events the response lists, so their personal data is stored sealed. */
  async remember(keyHash: string, requestHash: string, response: StoredResponse, now: string, caseId?: string): Promise<void> {
    const body = caseId && this.sealer ? await this.sealer.seal(caseId, response.body) : response.body;
    const expiresAt = new Date(Date.parse(now) + this.config.CASETRAIL_IDEMPOTENCY_TTL_HOURS * 3_600_000).toISOString();
    await this.db.deleteFrom('idempotency_keys').where('key_hash', '=', keyHash).where('expires_at', '<=', now).execute();
    await this.db
      .insertInto('idempotency_keys')
      .values({
        key_hash: keyHash,
        request_hash: requestHash,
        status_code: response.status,
        response_body: JSON.stringify(body),
        response_headers: JSON.stringify(response.headers),
        created_at: now,
        expires_at: expiresAt,
      })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
  }

  /** Drops expired keys; called on a schedule. */
  async purgeExpired(now: string): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
