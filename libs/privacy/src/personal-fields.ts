import { z } from 'zod';
import { personalDataRegistry } from '@casetrail/workflow';
import { slotOf } from './subject-slot';

type Segment = string | number;

/** A personal field found in an event's data: where, its value, and whose it is. */
export interface PersonalField {
  path: Segment[];
  value: unknown;
  /** The person (or thing) in the case it belongs to, e.g. `victims[0]`, `perpetrator:p1`, `victim`. */
  slot: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  left?: z.ZodType;
  right?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `data` with every field that `schema` marks personal (libs/workflow personal-data.ts) replaced
 * by `replace(field)`. The walk follows the schema through optionals, defaults, pipes, lazies,
 * objects, arrays, records, tuples, intersections and unions (the option that accepts the value).
 * Untouched parts are shared with `data`, not copied.
 */
export function mapPersonalFields(schema: z.ZodType, data: unknown, replace: (field: PersonalField) => unknown): unknown {
  return visit(schema, data, [], [], replace);
}

/** The personal fields of `data` under `schema`, in walk order. */
export function personalFieldsOf(schema: z.ZodType, data: unknown): PersonalField[] {
  const found: PersonalField[] = [];
  mapPersonalFields(schema, data, (field) => {
    found.push(field);
    return field.value;
  });
  return found;
}

function visit(schema: z.ZodType, value: unknown, path: Segment[], ancestors: unknown[], replace: (field: PersonalField) => unknown): unknown {
  if (value === undefined) return value;
  const marked = personalDataRegistry.get(schema);
  if (marked) return replace({ path, value, slot: marked.subject ?? slotOf(path, ancestors) });
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'success':
      return value === null ? value : visit(def.innerType!, value, path, ancestors, replace);
    case 'pipe':
      return visit(def.in!, value, path, ancestors, replace);
    case 'lazy':
      return visit(def.getter!(), value, path, ancestors, replace);
    case 'object':
      return isPlainObject(value) ? visitObject(def.shape!, value, path, ancestors, replace) : value;
    case 'array':
      return Array.isArray(value) ? visitItems(value, () => def.element!, path, ancestors, replace) : value;
    case 'tuple':
      return Array.isArray(value) ? visitItems(value, (i) => def.items![i] ?? def.rest ?? undefined, path, ancestors, replace) : value;
    case 'record':
      return isPlainObject(value)
        ? visitObject(Object.fromEntries(Object.keys(value).map((key) => [key, def.valueType!])), value, path, ancestors, replace)
        : value;
    case 'intersection':
      return visit(def.right!, visit(def.left!, value, path, ancestors, replace), path, ancestors, replace);
    case 'union': {
      const option = def.options!.find((candidate) => candidate.safeParse(value).success);
      return option ? visit(option, value, path, ancestors, replace) : value;
    }
    default:
      return value;
  }
}

function visitObject(
  shape: Record<string, z.ZodType>,
  value: Record<string, unknown>,
  path: Segment[],
  ancestors: unknown[],
  replace: (field: PersonalField) => unknown,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [key, fieldSchema] of Object.entries(shape)) {
    if (!(key in value)) continue;
    const next = visit(fieldSchema, value[key], [...path, key], [...ancestors, value], replace);
    if (next !== value[key]) (out ??= { ...value })[key] = next;
  }
  return out ?? value;
}

function visitItems(
  value: unknown[],
  schemaAt: (index: number) => z.ZodType | undefined,
  path: Segment[],
  ancestors: unknown[],
  replace: (field: PersonalField) => unknown,
): unknown[] {
  let changed = false;
  const mapped = value.map((item, index) => {
    const schema = schemaAt(index);
    const next = schema ? visit(schema, item, [...path, index], [...ancestors, value], replace) : item;
    if (next !== item) changed = true;
    return next;
  });
  return changed ? mapped : value;
}
