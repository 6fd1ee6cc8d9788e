import type { z } from 'zod';

/** True only for a value the schema it was compiled from accepts; false means "ask the schema". */
export type Acceptor = (value: unknown) => boolean;

/**
 * Compiles a zod schema into a plain function that recognises valid input without zod's
 * per-check machinery, which is most of an append's validation cost (one envelope per event). The
 * schema stays the one source of truth: the acceptor is read off it at load time, and input it
 * does not accept goes to the schema itself, which decides and words the error. So the acceptor
 * may only be stricter than the schema, never looser.
 *
 * Only the kinds the envelope uses are understood: objects (strip or loose), strings with length
 * bounds and patterns, and numbers with safe-integer and range checks. Anything else (a refinement,
 * an optional key, a format checked by code rather than a pattern) throws here, at load time, so a
 * schema change the compiler cannot follow is seen at once rather than silently accepted.
 */
export function acceptorOf(schema: z.core.$ZodType): Acceptor {
  const def = schema._zod.def as unknown as SchemaDef;
  switch (def.type) {
    case 'object':
      return objectAcceptor(def);
    case 'string':
      return stringAcceptor(def);
    case 'number':
      return numberAcceptor(def);
    default:
      throw unsupported(`a ${def.type} schema`);
  }
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

interface SchemaDef extends Partial<CheckDef> {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
}

function unsupported(what: string): Error {
  return new Error(`acceptorOf: ${what} is not supported; extend schema-acceptor.ts or validate with zod alone`);
}

function checksOf(def: SchemaDef): CheckDef[] {
  if (def.coerce) throw unsupported('coercion');
  return (def.checks ?? []).map((check) => check._zod.def);
}

function objectAcceptor(def: SchemaDef): Acceptor {
  // Strip (no catchall) and loose (catchall unknown) both accept extra keys; strict would not.
  if (def.catchall !== undefined && def.catchall._zod.def.type !== 'unknown') throw unsupported('a strict or catchall object');
  if (checksOf(def).length > 0) throw unsupported('a check on an object');
  const fields = Object.entries(def.shape ?? {}).map(([key, field]) => {
    if (field._zod.optin === 'optional' || field._zod.optout === 'optional') throw unsupported(`optional key ${key}`);
    return { key, accepts: acceptorOf(field) };
  });
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const field of fields) if (!field.accepts(record[field.key])) return false;
    return true;
  };
}

function stringAcceptor(def: SchemaDef): Acceptor {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  // A format (uuid, datetime) is itself a check on the schema's own def.
  const checks = def.check ? [def as CheckDef, ...checksOf(def)] : checksOf(def);
  for (const check of checks) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum!);
    else if (check.check === 'max_length') max = Math.min(max, check.maximum!);
    else if (check.check === 'string_format' && check.pattern && ['regex', 'uuid', 'datetime'].includes(check.format!)) {
      patterns.push(check.pattern);
    } else throw unsupported(`string check ${check.check}${check.format ? ` (${check.format})` : ''}`);
  }
  return (value) => {
    if (typeof value !== 'string' || value.length < min || value.length > max) return false;
    for (const pattern of patterns) {
      pattern.lastIndex = 0; // as zod does: a global or sticky pattern keeps state between tests
      if (!pattern.test(value)) return false;
    }
    return true;
  };
}

function numberAcceptor(def: SchemaDef): Acceptor {
  // Every check applies, as in zod: two lower bounds both hold.
  const tests = checksOf(def).map((check): ((value: number) => boolean) => {
    const bound = check.value!;
    if (check.check === 'number_format' && check.format === 'safeint') return Number.isSafeInteger;
    if (check.check === 'greater_than') return check.inclusive ? (v) => v >= bound : (v) => v > bound;
    if (check.check === 'less_than') return check.inclusive ? (v) => v <= bound : (v) => v < bound;
    throw unsupported(`number check ${check.check}${check.format ? ` (${check.format})` : ''}`);
  });
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return false;
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}
