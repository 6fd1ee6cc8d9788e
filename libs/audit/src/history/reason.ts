import { words } from './wording';

/**
 * Where events keep the reason a person gave, in the order a timeline prefers them. Reasons are
 * free text, often personal data: they are shown as written, beside the description, never in it.
 */
const REASON_PATHS = [
  ['reason'],
  ['reasons'],
  ['resolutionSummary'],
  ['summary'],
  ['note'],
  ['notes'],
  ['findings'],
  ['grounds'],
  ['judgement', 'reasons'],
  ['discretionaryDecision', 'reasons'],
] as const;

/** The reason given for an event, or null when it carries none. */
export function reasonOf(data: unknown): string | null {
  for (const path of REASON_PATHS) {
    const value = path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), data);
    const text = asText(value);
    if (text) return text;
  }
  return null;
}

/** A string as it is; an object of strings (s104(5)'s persistence, harm...) as `key: text; ...`. */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return parts.length > 0 ? parts.join('; ') : null;
  }
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
      .map(([key, text]) => `${words(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}: ${text}`);
    return parts.length > 0 ? parts.join('; ') : null;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
