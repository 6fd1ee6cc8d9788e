import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BankHolidayFileError, loadBankHolidays } from './bank-holiday-loader';
import { MissingBankHolidayYearError } from './bank-holiday-calendar';
import { addDays, dayOfWeek } from './calendar';

const FILE = join(__dirname, '../../../policy/bank-holidays/england-and-wales.json');
const file = JSON.parse(readFileSync(FILE, 'utf8')) as { years: Record<string, string[]> };
const YEARS = Array.from({ length: 2028 - 2014 + 1 }, (_, i) => 2014 + i);

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const isWeekday = (date: string) => dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6;
function firstWeekdayFrom(date: string): string {
  return isWeekday(date) ? date : firstWeekdayFrom(addDays(date, 1));
}
function mondaysOf(year: number, month: number): string[] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  return Array.from({ length: 31 }, (_, i) => addDays(first, i)).filter(
    (date) => date.startsWith(first.slice(0, 8)) && dayOfWeek(date) === 1,
  );
}

/** Holidays proclaimed on top of, or instead of, the usual ones. */
const ONE_OFFS: Record<number, { added: string[]; moved: string[] }> = {
  2020: { added: ['2020-05-08'], moved: ['2020-05-04'] }, // VE Day 75
  2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], moved: ['2022-05-30'] }, // Platinum Jubilee; State Funeral
  2023: { added: ['2023-05-08'], moved: [] }, // Coronation
};

describe('England and Wales bank holiday file', () => {
  it.each(YEARS)('holds %i', (year) => {
    expect(file.years[String(year)]).toBeDefined();
  });

  it.each(YEARS)('has Good Friday and Easter Monday of %i where Easter falls', (year) => {
    const easter = easterSunday(year);
    expect(file.years[String(year)]).toEqual(expect.arrayContaining([addDays(easter, -2), addDays(easter, 1)]));
  });

  it.each(YEARS)('has eight holidays in %i, plus that year’s one-offs', (year) => {
    const extra = (ONE_OFFS[year]?.added.length ?? 0) - (ONE_OFFS[year]?.moved.length ?? 0);
    expect(file.years[String(year)]).toHaveLength(8 + extra);
  });

  it.each(YEARS)('lists in %i exactly the days the usual rules and proclamations give', (year) => {
    const easter = easterSunday(year);
    const may = mondaysOf(year, 5);
    const usual = [
      firstWeekdayFrom(`${year}-01-01`),
      addDays(easter, -2),
      addDays(easter, 1),
      may[0]!,
      may[may.length - 1]!,
      mondaysOf(year, 8).at(-1)!,
      // Christmas and Boxing Day, or the substitute weekdays after a weekend.
      firstWeekdayFrom(`${year}-12-25`),
      firstWeekdayFrom(addDays(firstWeekdayFrom(`${year}-12-25`), 1)),
    ];
    const oneOffs = ONE_OFFS[year] ?? { added: [], moved: [] };
    const expected = [...usual.filter((d) => !oneOffs.moved.includes(d)), ...oneOffs.added].sort();
    expect(file.years[String(year)]).toEqual(expected);
    expect(file.years[String(year)]!.every(isWeekday)).toBe(true);
  });

  it('counts working days across Christmas and New Year with the real file', () => {
    const calendar = loadBankHolidays(FILE);
    // Fri 19 Dec 2025; 25, 26 Dec and 1 Jan are holidays.
    expect(calendar.addWorkingDays('2025-12-19', 10)).toBe('2026-01-07');
    expect(calendar.isWorkingDay('2022-09-19')).toBe(false);
    expect(() => calendar.addWorkingDays('2028-12-29', 2)).toThrow(MissingBankHolidayYearError);
  });
});

describe('loadBankHolidays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-holidays-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const valid = { division: 'england-and-wales', source: 'gov.uk', years: { '2026': ['2026-01-01'] } };

  function refusal(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    try {
      loadBankHolidays(path);
    } catch (error) {
      if (error instanceof BankHolidayFileError) return error.message;
      throw error;
    }
    throw new Error('expected the file to be refused');
  }

  it.each([
    ['not JSON', '{ "division": ', 'Unexpected end of JSON input'],
    ['an impossible date', JSON.stringify({ ...valid, years: { '2026': ['2026-02-30'] } }), 'years.2026[0]: must be a real date'],
    ['a date under the wrong year', JSON.stringify({ ...valid, years: { '2026': ['2027-01-01'] } }), 'years.2026[0]: 2027-01-01 is not in 2026'],
    ['a date listed twice', JSON.stringify({ ...valid, years: { '2026': ['2026-01-01', '2026-01-01'] } }), 'years.2026[1]: 2026-01-01 is listed twice'],
    ['another division', JSON.stringify({ ...valid, division: 'scotland' }), 'division: expected "england-and-wales"'],
    ['an unknown field', JSON.stringify({ ...valid, region: 'x' }), 'region: unknown key'],
  ])('refuses %s, naming the path', (name, content, expected) => {
    const message = refusal(`${name.replace(/\W+/g, '-')}.json`, content);
    expect(message).toContain(`Invalid bank holiday file ${join(dir, name.replace(/\W+/g, '-'))}.json: `);
    expect(message).toContain(expected);
  });

  it('refuses a file that does not exist, naming it', () => {
    expect(() => loadBankHolidays(join(dir, 'missing.json'))).toThrow(/Invalid bank holiday file .*missing\.json: cannot be read \(ENOENT\)/);
  });
});
