import { londonDate } from '@casetrail/workflow';

/**
 * The few ways a timeline sentence says things, so every describer says them alike. Sentences
 * name no person (victims, perpetrators, applicants): only staff ids, agencies, codes and dates,
 * so a description never holds data that erasure would have to reach.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2019-03-12` or an instant -> `12 Mar 2019` (the London date of an instant). */
export function dateText(dateOrInstant: string): string {
  const [year, month, day] = londonDate(dateOrInstant).split('-') as [string, string, string];
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** A code from a closed list, as words: `parent-and-teen` -> `parent and teen`. */
export function words(code: string): string {
  return code.replace(/[-_]+/g, ' ');
}

const ACRONYMS = new Set(['ASB', 'CPN', 'CPW', 'FPN', 'MARAC', 'IDVA', 'PCC', 'DASH']);
const EXPANSIONS: Record<string, string> = { CT: 'Community Trigger' };

/** A deadline rule as words: `CPN_APPEAL_WINDOW` -> `CPN appeal window`. */
export function ruleText(rule: string): string {
  return rule
    .split('_')
    .filter(Boolean)
    .map((part) => EXPANSIONS[part] ?? (ACRONYMS.has(part) ? part : part.toLowerCase()))
    .join(' ');
}

/** Whole pence as pounds: 10000 -> `£100`, 7550 -> `£75.50`. */
export function money(pence: number): string {
  const pounds = pence / 100;
  return `£${Number.isInteger(pounds) ? pounds.toString() : pounds.toFixed(2)}`;
}

/** `1 complaint`, `3 complaints`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `a, b and c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
