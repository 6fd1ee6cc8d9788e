import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BankHolidayCalendar } from './bank-holiday-calendar';
import { formatIssuePath, issueMessage } from './validation-issues';

const HolidayDate = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });

export const BankHolidayFileSchema = z
  .strictObject({
    division: z.literal('england-and-wales'),
    source: z.string().min(1),
    years: z.record(z.string().regex(/^\d{4}$/, 'a year is written YYYY'), z.array(HolidayDate)),
  })
  .superRefine((file, ctx) => {
    for (const [year, dates] of Object.entries(file.years)) {
      const seen = new Set<string>();
      dates.forEach((date, index) => {
        // A date filed under the wrong year would silently leave both years wrong.
        if (!date.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: ['years', year, index], message: `${date} is not in ${year}` });
        if (seen.has(date)) ctx.addIssue({ code: 'custom', path: ['years', year, index], message: `${date} is listed twice` });
        seen.add(date);
      });
    }
  });

export class BankHolidayFileError extends Error {
  readonly code = 'BANK_HOLIDAY_FILE_INVALID';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`Invalid bank holiday file ${path}: ${problem}`);
    this.name = 'BankHolidayFileError';
  }
}

/** Reads the England and Wales bank holiday file (policy/bank-holidays/england-and-wales.json). */
export function loadBankHolidays(path: string): BankHolidayCalendar {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BankHolidayFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new BankHolidayFileError(path, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = BankHolidayFileSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const problem = issue.code === 'unrecognized_keys' ? 'unknown key' : issueMessage(issue);
    throw new BankHolidayFileError(path, field.length > 0 ? `${formatIssuePath(field)}: ${problem}` : problem);
  }
  return new BankHolidayCalendar(parsed.data.years);
}
