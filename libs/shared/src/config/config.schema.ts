import { z } from 'zod';

const urlWithScheme = (schemes: string[]) =>
  z
    .string()
    .refine((value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    }, `must be a URL starting ${schemes.map((s) => `${s}://`).join(' or ')}`);

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/**
 * Every setting Casetrail reads, in one place. `loadConfig` is the only reader of the
 * environment; modules receive the parsed result. Keys are the environment variables' names.
 */
export const ConfigSchema = z
  .object({
    CASETRAIL_STORE: z.enum(['sqlite', 'postgres', 'eventstoredb']).default('sqlite'),
    CASETRAIL_SQLITE_PATH: z.string().min(1, 'must not be empty').default('./data/casetrail.db'),
    CASETRAIL_PG_URL: urlWithScheme(['postgres', 'postgresql']).optional(),
    /** Connections in each PostgreSQL pool a process opens (event store, tables, read models, deadlines): infra/README.md. */
    CASETRAIL_PG_POOL_SIZE: z.coerce.number().int('must be a whole number').min(1).max(50).default(5),
    CASETRAIL_REDIS_URL: urlWithScheme(['redis', 'rediss']).optional(),
    /** Deadline jobs one worker process runs at once; unset, libs/scheduling's default. */
    CASETRAIL_DEADLINE_CONCURRENCY: z.coerce.number().int('must be a whole number').min(1).max(256).optional(),
    CASETRAIL_ESDB_URL: urlWithScheme(['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover', 'kurrent']).optional(),
    PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    CASETRAIL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CASETRAIL_POLICY_DIR: z.string().min(1).optional(),
    CASETRAIL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    CASETRAIL_JWT_ISSUER: z.string().min(1).default('casetrail-embedded'),
    CASETRAIL_OIDC_ISSUER: z.url().optional(),
    CASETRAIL_OIDC_JWKS_URL: z.url().optional(),
    CASETRAIL_OIDC_AUDIENCE: z.string().min(1).optional(),
    /** Console sign-in through the provider (authorization code + PKCE): docs/security.md. */
    CASETRAIL_OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Only for a confidential client; a public client sends none (PKCE protects the code). */
    CASETRAIL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    CASETRAIL_OIDC_REDIRECT_URL: urlWithScheme(['http', 'https']).optional(),
    CASETRAIL_IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().default(24),
    /** Requests one user (or, on public routes, one address) may send per window, across all routes. */
    CASETRAIL_RATE_LIMIT: z.coerce.number().int('must be a whole number').min(1).default(1200),
    CASETRAIL_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int('must be a whole number').min(1).max(3600).default(60),
    CASETRAIL_DEMO: flag.default(false),
    /** Which process runs the read models' projections: the API (embedded default) or the worker. */
    CASETRAIL_PROJECTIONS: z.enum(['api', 'worker']).default('api'),
    /** Prometheus /metrics on the API, and the worker's metrics listener: `on` or `off`. */
    CASETRAIL_METRICS: z.enum(['on', 'off']).default('on'),
    /** When set, /metrics answers only `Authorization: Bearer <this>`. */
    CASETRAIL_METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * The worker's metrics listener (GET /metrics, on HOST): off unless set, so several workers on
     * one host do not fight over a port. The API serves /metrics on PORT.
     */
    CASETRAIL_METRICS_PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).optional(),
    /** Wraps data subjects' keys (crypto-shredding, docs/privacy.md). Required unless CASETRAIL_STORE=sqlite. */
    CASETRAIL_MASTER_KEY: z
      .string()
      .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v.trim()), 'must be the base64 of 32 random bytes (openssl rand -base64 32)')
      .optional(),
  })
  .superRefine((config, ctx) => {
    const need = (variable: keyof typeof config, when: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message: `is required when ${when}` });
    if (config.CASETRAIL_STORE === 'postgres' && !config.CASETRAIL_PG_URL) need('CASETRAIL_PG_URL', 'CASETRAIL_STORE=postgres');
    if (config.CASETRAIL_STORE === 'eventstoredb' && !config.CASETRAIL_ESDB_URL) {
      need('CASETRAIL_ESDB_URL', 'CASETRAIL_STORE=eventstoredb');
    }
    // On KurrentDB the read models, idempotency keys and checkpoints live in PostgreSQL.
    if (config.CASETRAIL_STORE === 'eventstoredb' && !config.CASETRAIL_PG_URL) {
      need('CASETRAIL_PG_URL', 'CASETRAIL_STORE=eventstoredb (read models)');
    }
    // Console OIDC sign-in needs the issuer, the client id and the redirect URL together.
    const consoleOidc = config.CASETRAIL_OIDC_CLIENT_ID ?? config.CASETRAIL_OIDC_CLIENT_SECRET ?? config.CASETRAIL_OIDC_REDIRECT_URL;
    if (consoleOidc !== undefined) {
      const when = 'console OIDC sign-in is configured (CASETRAIL_OIDC_CLIENT_ID, _CLIENT_SECRET or _REDIRECT_URL is set)';
      if (!config.CASETRAIL_OIDC_ISSUER) need('CASETRAIL_OIDC_ISSUER', when);
      if (!config.CASETRAIL_OIDC_CLIENT_ID) need('CASETRAIL_OIDC_CLIENT_ID', when);
      if (!config.CASETRAIL_OIDC_REDIRECT_URL) need('CASETRAIL_OIDC_REDIRECT_URL', when);
    }
  });

export type CasetrailConfig = z.infer<typeof ConfigSchema>;
