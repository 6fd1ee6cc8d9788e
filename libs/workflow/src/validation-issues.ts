import { z } from 'zod';

/** `data.incidents[0].date`: the path as a reader of the input would write it. */
export function formatIssuePath(path: readonly PropertyKey[], prefix = ''): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, prefix);
}

/**
 * zod's message without its generic "Invalid input: " lead-in, which adds nothing once the path
 * is shown ("expected number, received string").
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}
