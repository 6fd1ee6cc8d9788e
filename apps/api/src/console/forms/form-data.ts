import { startOfLondonDay } from '@casetrail/workflow';
import type { FieldNode, FormValues } from './form-model';

/** A field the console could not even turn into data (the command is not sent). */
export interface LocalIssue {
  path: string;
  message: string;
}

/**
 * The command data a submitted form stands for, read through the same field tree that drew it.
 * Empty inputs are left out, so the command's own schema says what is missing; only what cannot
 * be represented at all (a malformed date and time) is refused here.
 */
export function dataFrom(root: FieldNode, values: FormValues): { data: unknown; issues: LocalIssue[] } {
  const issues: LocalIssue[] = [];
  const data = read(root, values, issues);
  return { data: data ?? {}, issues };
}

function read(node: FieldNode, values: FormValues, issues: LocalIssue[]): unknown {
  const text = single(values[node.name]);
  switch (node.kind) {
    case 'hidden':
      return node.value;
    case 'input':
      return inputValue(node, text, issues);
    case 'textarea':
    case 'options':
      return text === '' ? undefined : text;
    case 'boolean':
      return text === 'yes' ? true : text === 'no' ? false : undefined;
    case 'lines': {
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
      if (lines.length === 0) return undefined;
      return node.itemType === 'integer' ? lines.map((l) => (/^-?\d+$/.test(l) ? Number(l) : l)) : lines;
    }
    case 'group': {
      const entries = node.children.map((child) => [child.path.split('.').at(-1)!, read(child, values, issues)] as const);
      const present = entries.filter(([, v]) => v !== undefined);
      // A required group with nothing in it is sent empty, so each missing field gets its own message.
      if (present.length === 0) return node.required || node.path === '' ? {} : undefined;
      return Object.fromEntries(present);
    }
    case 'list': {
      const items = node.items.filter((item) => hasInput(item, values)).map((item) => read(item, values, issues));
      return items.length === 0 && !node.required ? undefined : items;
    }
    case 'choice': {
      const option = node.options.find((o) => o.value === text);
      if (!option) return undefined;
      const entries = option.children.map((child) => [child.path.split('.').at(-1)!, read(child, values, issues)] as const);
      return { [node.key]: option.value, ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)) };
    }
    default: {
      const unknownNode: never = node;
      throw new Error(`unknown field kind ${String(unknownNode)}`);
    }
  }
}

function inputValue(node: Extract<FieldNode, { kind: 'input' }>, text: string, issues: LocalIssue[]): unknown {
  if (text === '') return undefined;
  switch (node.inputType) {
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'datetime': {
      const instant = londonInstant(text);
      if (!instant) issues.push({ path: node.path, message: `${node.label} must be a date and time, like 2026-03-27T14:30` });
      return instant ?? text;
    }
    default:
      return text;
  }
}

/** `2026-03-27T14:30` read as UK time (what a datetime-local input sends) -> an ISO instant. */
export function londonInstant(text: string): string | undefined {
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(text)) return Number.isNaN(Date.parse(text)) ? undefined : new Date(text).toISOString();
  const match = /^(\d{4}-\d\d-\d\d)[T ](\d\d):(\d\d)$/.exec(text);
  if (!match) return undefined;
  try {
    const midnight = startOfLondonDay(match[1]!);
    return new Date(midnight.getTime() + (Number(match[2]) * 60 + Number(match[3])) * 60_000).toISOString();
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Whether the person filled in anything of this row (a fixed hidden value does not count). */
function hasInput(node: FieldNode, values: FormValues): boolean {
  switch (node.kind) {
    case 'hidden':
      return false;
    case 'group':
      return node.children.some((child) => hasInput(child, values));
    case 'list':
      return node.items.some((item) => hasInput(item, values));
    case 'choice':
      return single(values[node.name]) !== '' || node.options.some((o) => o.children.some((child) => hasInput(child, values)));
    default:
      return single(values[node.name]) !== '';
  }
}
