import { formatDate, formatDateTime } from './console-views';

describe('console dates, GOV.UK style, in UK time', () => {
  it('writes 12-hour times with am/pm, noon as 12pm', () => {
    expect(formatDateTime('2026-03-27T12:00:00Z')).toBe('27 March 2026 at 12:00pm');
    expect(formatDateTime('2026-03-27T00:05:00Z')).toBe('27 March 2026 at 12:05am');
    // British Summer Time.
    expect(formatDateTime('2026-07-01T13:30:00Z')).toBe('1 July 2026 at 2:30pm');
  });

  it('writes a bare date as that day', () => {
    expect(formatDate('2026-03-01')).toBe('1 March 2026');
  });
});
