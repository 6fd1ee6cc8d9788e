import { z } from 'zod';

/** First pass: enough to know which section a file claims, before its values are checked. */
export const PolicyFileEnvelope = z.strictObject({
  section: z.string().min(1),
  values: z.record(z.string(), z.unknown()),
});

/** The dated entries of one key; `value` is checked against the key's schema in the section. */
export function policyEntriesSchema(key: string, value: z.ZodType) {
  return z
    .array(
      z.strictObject({
        // z.iso.date refuses impossible dates such as 2023-02-29, not only the wrong shape.
        effectiveFrom: z.iso.date({ error: 'must be a real date written YYYY-MM-DD (quote it)' }),
        value,
        source: z.string().min(1).optional(),
      }),
      { error: (issue) => (issue.input === undefined ? `missing: every key of the section needs entries` : undefined) },
    )
    .min(1, `${key} needs at least one entry`)
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry.effectiveFrom)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'effectiveFrom'],
            message: `${entry.effectiveFrom} is used by another entry of ${key}: one value per date`,
          });
        }
        seen.add(entry.effectiveFrom);
      });
    });
}

/** A whole file of one registered section: every key of its schema, and no other. */
export function policyFileSchema(section: string, schema: z.ZodObject) {
  const values = Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]: [string, z.ZodType]) => [key, policyEntriesSchema(key, value)]),
  );
  return z.strictObject({ section: z.literal(section), values: z.strictObject(values) });
}
