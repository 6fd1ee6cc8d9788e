/**
 * Calendar arithmetic on London dates (YYYY-MM-DD). The law counts in days, months and
 * working days as people in England and Wales see them, so instants are first turned into the
 * Europe/London calendar date. Pure: no clock.
 */

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say its offset: without one, Date.parse reads the host's local time.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function assertDate(date: string): void {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || toUtc(date).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  }
}

/**
 * The Europe/London calendar date of an instant. A bare date (YYYY-MM-DD) is taken to be that
 * London date already.
 */
export function londonDate(instant: string): string {
  const known = londonDates.get(instant);
  if (known !== undefined) return known;
  let date: string;
  if (DATE.test(instant)) {
    assertDate(instant);
    date = instant;
  } else {
    const ms = INSTANT.test(instant) ? Date.parse(instant) : Number.NaN;
    if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant with an offset: ${instant}`);
    // formatToParts, not format: a locale's date layout is not a stable contract across ICU versions.
    const parts = Object.fromEntries(londonFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    date = `${parts.year}-${parts.month}-${parts.day}`;
  }
  if (londonDates.size >= LONDON_DATES_KEPT) londonDates.clear();
  londonDates.set(instant, date);
  return date;
}

/**
 * Instants already turned into London dates. Deciders ask again for the same instants on every
 * command (each incident's dates when counting complaints), and Intl's formatToParts is the
 * dearest step of a decision; the answer for a given text never changes. Bounded: cleared when full.
 */
const londonDates = new Map<string, string>();
const LONDON_DATES_KEPT = 10_000;

export function addDays(date: string, days: number): string {
  assertDate(date);
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(date: string, months: number): string {
  assertDate(date);
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  assertDate(from);
  assertDate(to);
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** Age in whole years on `on`. Someone born on 29 February turns a year older on 1 March in non-leap years. */
export function ageOn(dateOfBirth: string, on: string): number {
  assertDate(dateOfBirth);
  assertDate(on);
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The instant at which a London calendar date ends: the due time of a deadline "by" that date. */
export function endOfLondonDay(date: string): string {
  // The last instant of the day is the first instant of the next, less a millisecond.
  return new Date(startOfLondonDay(addDays(date, 1)).getTime() - 1).toISOString();
}

export function startOfLondonDay(date: string): Date {
  // London is UTC+0 or UTC+1; try both offsets and keep the one that maps back to `date` 00:00.
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(toUtc(date).getTime() - offsetHours * 3_600_000);
    if (londonDate(candidate.toISOString()) === date && londonDate(new Date(candidate.getTime() - 1).toISOString()) !== date) {
      return candidate;
    }
  }
  throw new RangeError(`cannot find the start of ${date} in Europe/London`);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: string): number {
  assertDate(date);
  return toUtc(date).getUTCDay();
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
