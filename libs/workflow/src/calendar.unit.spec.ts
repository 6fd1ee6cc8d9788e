import { addDays, addMonths, ageOn, assertDate, dayOfWeek, daysBetween, endOfLondonDay, londonDate, startOfLondonDay } from './calendar';

describe('londonDate', () => {
  it('is the UTC date in winter, when London is on GMT', () => {
    expect(londonDate('2026-01-15T23:30:00Z')).toBe('2026-01-15');
    expect(londonDate('2026-01-16T00:00:00Z')).toBe('2026-01-16');
  });

  it('runs an hour ahead of UTC once the clocks go forward (29 March 2026)', () => {
    // 00:30Z on the switch day is still 00:30 GMT: the change happens at 01:00Z.
    expect(londonDate('2026-03-29T00:30:00Z')).toBe('2026-03-29');
    expect(londonDate('2026-03-28T23:30:00Z')).toBe('2026-03-28');
    // The following evening 23:30Z is already 00:30 BST the next day.
    expect(londonDate('2026-03-29T23:30:00Z')).toBe('2026-03-30');
  });

  it('returns to UTC when the clocks go back (25 October 2026)', () => {
    expect(londonDate('2026-10-24T23:30:00Z')).toBe('2026-10-25');
    expect(londonDate('2026-10-25T23:30:00Z')).toBe('2026-10-25');
  });

  it('honours an explicit offset', () => {
    expect(londonDate('2026-07-01T00:30:00+02:00')).toBe('2026-06-30');
  });

  it('takes a bare date to be the London date already', () => {
    expect(londonDate('2026-07-01')).toBe('2026-07-01');
  });

  it('refuses an instant without an offset, which would be read in the host time zone', () => {
    expect(() => londonDate('2026-07-01T23:30:00')).toThrow(RangeError);
    expect(() => londonDate('1 July 2026')).toThrow(RangeError);
    expect(() => londonDate('2026-02-30')).toThrow(RangeError);
  });
});

describe('endOfLondonDay', () => {
  it('is 23:59:59.999 UTC in winter', () => {
    expect(endOfLondonDay('2026-01-15')).toBe('2026-01-15T23:59:59.999Z');
  });

  it('is 22:59:59.999 UTC in summer', () => {
    expect(endOfLondonDay('2026-07-15')).toBe('2026-07-15T22:59:59.999Z');
  });

  it('handles the short and the long day', () => {
    // 29 March 2026 lasts 23 hours; 25 October 2026 lasts 25.
    expect(endOfLondonDay('2026-03-28')).toBe('2026-03-28T23:59:59.999Z');
    expect(endOfLondonDay('2026-03-29')).toBe('2026-03-29T22:59:59.999Z');
    expect(endOfLondonDay('2026-10-25')).toBe('2026-10-25T23:59:59.999Z');
    expect(startOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
  });

  it('falls on the same London date it closes', () => {
    for (const date of ['2026-01-15', '2026-03-29', '2026-07-15', '2026-10-25']) {
      expect(londonDate(endOfLondonDay(date))).toBe(date);
      expect(londonDate(new Date(Date.parse(endOfLondonDay(date)) + 1).toISOString())).toBe(addDays(date, 1));
    }
  });
});

describe('addMonths', () => {
  it('keeps the day of the month when it exists', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
  });

  it('moves 31 January to the last day of February', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('moves 29 February to 28 February a year later', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('goes back with a negative count', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -6)).toBe('2025-07-15');
  });
});

describe('ageOn', () => {
  it('is 15 the day before the 16th birthday and 16 on it', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
  });

  it('counts a 29 February birthday on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('refuses a date that does not exist', () => {
    expect(() => ageOn('2009-02-29', '2026-01-01')).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, across the clock change and leap days', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('is negative when the second date is earlier, and 0 for the same day', () => {
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
  });
});

describe('dates', () => {
  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-03-29')).toBe(0);
    expect(dayOfWeek('2026-12-25')).toBe(5);
  });

  it('refuses anything that is not a calendar date', () => {
    for (const bad of ['2026-13-01', '2023-02-29', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z']) {
      expect(() => assertDate(bad)).toThrow(RangeError);
    }
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});
