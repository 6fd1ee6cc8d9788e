import { WorkingDayCalendar } from './decider';
import { addDays, assertDate, dayOfWeek } from './calendar';

export class MissingBankHolidayYearError extends Error {
  readonly code = 'BANK_HOLIDAYS_MISSING_YEAR';
  constructor(readonly year: number) {
    super(`No England and Wales bank holidays are recorded for ${year}: add the year to the bank holiday file`);
    this.name = 'MissingBankHolidayYearError';
  }
}

/**
 * Working days in England and Wales from a table of bank holidays by year. A year missing from
 * the table is an error, never a silent "no holidays".
 */
export class BankHolidayCalendar implements WorkingDayCalendar {
  private readonly holidays: Map<number, Set<string>>;

  constructor(holidaysByYear: Record<string, string[]>) {
    this.holidays = new Map(Object.entries(holidaysByYear).map(([year, dates]) => [Number(year), new Set(dates)]));
  }

  isWorkingDay(date: string): boolean {
    assertDate(date);
    const year = Number(date.slice(0, 4));
    const holidays = this.holidays.get(year);
    if (!holidays) throw new MissingBankHolidayYearError(year);
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6 && !holidays.has(date);
  }

  addWorkingDays(date: string, days: number): string {
    assertDate(date);
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number >= 0, got ${days}`);
    let current = date;
    let left = days;
    while (left > 0) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }
}
