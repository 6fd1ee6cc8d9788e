import { parseArgs } from 'node:util';
// The API owns token verification; minting and the secret's location must match it exactly, so the
// CLI uses the API's auth entry point rather than a copy that could drift.
import { embeddedSigningKey, mintToken, ROLES, type Role } from '../../../api/src/auth';
import type { CliCommand } from './index';

const USAGE = 'token --user <id> --role <role> --agency <id> [--da] [--expires 8h]';
const DURATION = /^[1-9]\d*[smhd]$/;
const EX_USAGE = 64;
const EX_CONFIG = 78;

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Throws on an unknown flag or a missing value, with node's message naming it. */
function parseTokenFlags(args: string[]) {
  return parseArgs({
    args,
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
      da: { type: 'boolean', default: false },
      expires: { type: 'string', default: '8h' },
    },
  }).values;
}
type TokenFlags = ReturnType<typeof parseTokenFlags>;

// node's own errors fail `instanceof Error` under jest's sandbox, so read the message structurally.
const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);

/** `workingDir` locates data/jwt-secret, as the API's JwtVerifier does; tests pass a temporary one. */
export function createTokenCommand(workingDir?: string): CliCommand {
  return {
    name: 'token',
    usage: USAGE,
    summary: 'Mint a bearer token the embedded-mode API accepts',
    async run(args, { config, out }) {
      let flags: TokenFlags;
      try {
        flags = parseTokenFlags(args);
      } catch (error) {
        out(`token: ${messageOf(error)} Usage: ${USAGE}`);
        return EX_USAGE;
      }
      const { user, role, agency, da, expires } = flags;
      if (!user?.trim() || !agency?.trim()) {
        out(`token: --user and --agency are required. Usage: ${USAGE}`);
        return EX_USAGE;
      }
      if (!role || !isRole(role)) {
        out(`token: --role must be one of ${ROLES.join(', ')}${role ? ` (got "${role}")` : ''}`);
        return EX_USAGE;
      }
      if (!DURATION.test(expires)) {
        out(`token: --expires must be a duration such as 15m, 8h or 7d (got "${expires}")`);
        return EX_USAGE;
      }
      // With an identity provider configured the API refuses embedded tokens, so minting one
      // would only hand the operator a token that fails later with a puzzling 401.
      if (config.CASETRAIL_OIDC_ISSUER || config.CASETRAIL_OIDC_JWKS_URL) {
        out('token: the API verifies tokens from the identity provider (CASETRAIL_OIDC_ISSUER is set); obtain one there');
        return EX_CONFIG;
      }
      const secret = await embeddedSigningKey(config, workingDir);
      const principal = { userId: user.trim(), role, agency: agency.trim(), daAccess: da };
      out(await mintToken(principal, { secret, issuer: config.CASETRAIL_JWT_ISSUER, expiresIn: expires }));
      return 0;
    },
  };
}

export const tokenCommand = createTokenCommand();
