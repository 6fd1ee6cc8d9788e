/** The part of JSON Schema (draft 2020-12, as zod's toJSONSchema writes it) the console turns into forms. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  format?: string;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** `behaviourDate` -> "Behaviour date", `s43Test` -> "S43 test", `asbCaseId` -> "ASB case ID". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => ACRONYMS[word] ?? word);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ACRONYMS: Record<string, string> = {
  id: 'ID',
  asb: 'ASB',
  cpw: 'CPW',
  cpn: 'CPN',
  fpn: 'FPN',
  abc: 'ABC',
  idva: 'IDVA',
  marac: 'MARAC',
  pcc: 'PCC',
  mp: 'MP',
  dash: 'DASH',
  da: 'DA',
  ct: 'CT',
  csp: 'CSP',
};

/** The variants of a oneOf/anyOf and the property whose const or enum tells them apart, if any. */
export function discriminated(schema: JsonSchema): { key: string; variants: { values: string[]; schema: JsonSchema }[] } | undefined {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!variants || variants.length === 0) return undefined;
  const first = variants[0]!.properties ?? {};
  for (const key of Object.keys(first)) {
    const values = variants.map((v) => literalValues(v.properties?.[key]));
    if (values.every((list) => list.length > 0)) {
      return { key, variants: variants.map((v, i) => ({ values: values[i]!, schema: v })) };
    }
  }
  return undefined;
}

function literalValues(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  if (typeof schema.const === 'string') return [schema.const];
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return schema.enum as string[];
  return [];
}

export function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}
