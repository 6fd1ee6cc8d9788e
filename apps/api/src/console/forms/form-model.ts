import { discriminated, humanise, JsonSchema, typeOf } from './json-schema';

/** What a submitted form holds: one string per name, or several for repeated names. */
export type FormValues = Record<string, string | string[] | undefined>;

interface NodeBase {
  /** The command data path the API's errors use, less `data.`: `victims[0].contact.phone`. */
  path: string;
  /** The HTML name (a variant's fields get their own, so two variants' `name` inputs never clash). */
  name: string;
  id: string;
  label: string;
  required: boolean;
  error?: string;
}

export type FieldNode =
  | (NodeBase & { kind: 'input'; inputType: 'text' | 'date' | 'datetime' | 'integer' | 'number' | 'email'; value: string; hint?: string })
  | (NodeBase & { kind: 'textarea'; value: string; hint?: string })
  | (NodeBase & { kind: 'lines'; itemType: 'string' | 'integer'; value: string; hint: string })
  | (NodeBase & { kind: 'options'; options: { value: string; text: string }[]; value: string; asRadios: boolean })
  | (NodeBase & { kind: 'boolean'; value: string })
  | (NodeBase & { kind: 'hidden'; value: string })
  | (NodeBase & { kind: 'group'; children: FieldNode[] })
  | (NodeBase & { kind: 'list'; items: FieldNode[]; hint: string })
  | (NodeBase & { kind: 'choice'; key: string; value: string; options: { value: string; text: string; children: FieldNode[] }[] });

const LONG_TEXT = 500;
/** At most this many rows for a list of objects (its minimum, or one): more are added by later commands. */
const MAX_SLOTS = 3;

/** The form for a command's data, from the JSON Schema the API publishes for it. */
export function formFor(schema: JsonSchema, values: FormValues): FieldNode {
  return build(schema, { path: '', name: '', label: '', required: true }, values);
}

interface Place {
  path: string;
  name: string;
  label: string;
  required: boolean;
}

function build(schema: JsonSchema, place: Place, values: FormValues): FieldNode {
  const base = { ...place, id: idFor(place.name) };
  const raw = values[place.name];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  const choice = discriminated(schema);
  if (choice) {
    const chosen = String(values[join(place.name, choice.key)] ?? '');
    return {
      ...base,
      label: place.label || humanise(choice.key),
      kind: 'choice',
      key: choice.key,
      value: chosen,
      name: join(place.name, choice.key),
      id: idFor(join(place.name, choice.key)),
      options: choice.variants.flatMap((variant, i) =>
        variant.values.map((literal, j) => ({
          value: literal,
          text: humanise(literal),
          children: childrenOf(variant.schema, place.path, `${place.name}~${i}.${j}`, values, [choice.key]),
        })),
      ),
    };
  }
  if (schema.const !== undefined) return { ...base, kind: 'hidden', value: String(schema.const) };
  if (Array.isArray(schema.enum)) {
    const options = schema.enum.map((v) => ({ value: String(v), text: humanise(String(v)) }));
    return { ...base, kind: 'options', options, value, asRadios: options.length <= 4 };
  }
  switch (typeOf(schema)) {
    case 'object':
      return { ...base, kind: 'group', children: childrenOf(schema, place.path, place.name, values, []) };
    case 'boolean':
      return { ...base, kind: 'boolean', value };
    case 'integer':
      return { ...base, kind: 'input', inputType: 'integer', value };
    case 'number':
      return { ...base, kind: 'input', inputType: 'number', value };
    case 'array':
      return arrayNode(schema, place, values, value);
    case 'string':
      return stringNode(schema, place, value);
    default:
      return { ...base, kind: 'textarea', value, hint: 'Enter this as JSON' };
  }
}

function stringNode(schema: JsonSchema, place: Place, value: string): FieldNode {
  const base = { ...place, id: idFor(place.name) };
  if (schema.format === 'date') return { ...base, kind: 'input', inputType: 'date', value };
  if (schema.format === 'date-time') return { ...base, kind: 'input', inputType: 'datetime', value, hint: 'Date and time, UK time' };
  if (schema.format === 'email') return { ...base, kind: 'input', inputType: 'email', value };
  if ((schema.maxLength ?? 0) > LONG_TEXT) return { ...base, kind: 'textarea', value };
  return { ...base, kind: 'input', inputType: 'text', value };
}

function arrayNode(schema: JsonSchema, place: Place, values: FormValues, value: string): FieldNode {
  const base = { ...place, id: idFor(place.name) };
  const items = schema.items ?? {};
  const itemType = typeOf(items);
  if (itemType === 'object' || items.oneOf || items.anyOf) {
    const slots = Math.min(MAX_SLOTS, Math.max(schema.minItems ?? 0, 1));
    const rows = Array.from({ length: slots }, (_, i) =>
      build(items, { path: `${place.path}[${i}]`, name: `${place.name}[${i}]`, label: `${singular(place.label)} ${i + 1}`, required: i < (schema.minItems ?? 0) }, values),
    );
    const hint = schema.minItems ? `At least ${schema.minItems}.` : 'Leave it empty if there is none.';
    return { ...base, kind: 'list', items: rows, hint };
  }
  if (Array.isArray(items.enum)) {
    return { ...base, kind: 'lines', itemType: 'string', value, hint: `One per line: ${items.enum.map(String).join(', ')}` };
  }
  return { ...base, kind: 'lines', itemType: itemType === 'integer' ? 'integer' : 'string', value, hint: 'One per line' };
}

/** Fields the system fills in, never a person: repeat matches found at intake. */
const SYSTEM_FIELDS = new Set(['repeatOf']);

function childrenOf(schema: JsonSchema, path: string, name: string, values: FormValues, skip: string[]): FieldNode[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => !skip.includes(key) && !(SYSTEM_FIELDS.has(key) && !required.has(key)))
    .map(([key, child]) => build(child, { path: join(path, key), name: join(name, key), label: humanise(key), required: required.has(key) }, values));
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function idFor(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`.replace(/-+$/, '');
}

function singular(label: string): string {
  return label.endsWith('ies') ? `${label.slice(0, -3)}y` : label.replace(/s$/, '');
}
