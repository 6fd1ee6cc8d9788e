import { join } from 'node:path';
import { z } from 'zod';
import { loadPolicyDirectory, PolicyLookup, PolicySection } from '@casetrail/workflow';

/** A retention rule: personal data of a case is kept `years` after it `closed`, then erased. */
export const RetentionRule = z.strictObject({
  years: z.number().int().min(1).max(100),
  /** Open cases are never candidates: the clock starts when the case closes. */
  after: z.literal('closed'),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

export const RETENTION_SECTION = 'retention';

/** The retention section: one rule per case type. */
export function retentionSection(caseTypes: readonly string[]): PolicySection {
  return { section: RETENTION_SECTION, schema: z.object(Object.fromEntries(caseTypes.map((type) => [type, RetentionRule]))) };
}

/** policy/retention/retention.yaml, validated like every policy file (a bad file stops the command, naming the field). */
export function loadRetentionPolicy(policyDir: string, caseTypes: readonly string[]): PolicyLookup {
  return loadPolicyDirectory(join(policyDir, 'retention'), [retentionSection(caseTypes)]);
}
