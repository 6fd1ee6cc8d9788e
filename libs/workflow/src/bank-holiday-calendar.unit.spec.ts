import { BankHolidayCalendar, MissingBankHolidayYearError } from './bank-holiday-calendar';

// The real England and Wales days for these years (policy/bank-holidays/england-and-wales.json).
const calendar = new BankHolidayCalendar({
  '2025': ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  '2026': ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
});

describe('BankHolidayCalendar', () => {
  it('skips the weekend', () => {
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri -> Mon
    expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Sat -> Mon
    expect(calendar.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thu 2 April 2026: Fri 3 and Mon 6 are holidays.
    expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(calendar.isWorkingDay('2026-04-03')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-06')).toBe(false);
  });

  it('counts 10 working days from before Christmas into the new year', () => {
    // Fri 19 Dec 2025 -> 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan.
    expect(calendar.addWorkingDays('2025-12-19', 10)).toBe('2026-01-07');
  });

  it('skips a substitute day', () => {
    // Boxing Day 2026 is a Saturday; Monday 28 December is the holiday.
    expect(calendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('returns the date itself for zero days, and refuses a negative count', () => {
    expect(calendar.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(() => calendar.addWorkingDays('2026-03-07', -1)).toThrow(RangeError);
  });

  it('refuses to count into a year it holds no holidays for, naming the year', () => {
    const attempt = () => calendar.addWorkingDays('2026-12-30', 3);
    expect(attempt).toThrow(MissingBankHolidayYearError);
    expect(attempt).toThrow(/2027/);
    expect(() => calendar.isWorkingDay('2024-06-03')).toThrow(expect.objectContaining({ year: 2024, code: 'BANK_HOLIDAYS_MISSING_YEAR' }));
  });
});
