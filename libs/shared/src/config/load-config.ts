import { z } from 'zod';
import { CasetrailConfig, ConfigSchema } from './config.schema';

/** Start-up stops with this: one line naming the variable and what it accepts. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** The one place that reads the environment. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): CasetrailConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'configuration');
  throw new ConfigError(variable, describeIssue(issue, present[variable]));
}

function describeIssue(issue: z.core.$ZodIssue, value: string | undefined): string {
  const got = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)})`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.join(', ')}${got}`;
  return `${issue.message}${got}`;
}
