import { madeWithinComplaintWindow, nonQualifyingReasons, withinMonthsOfComplaint } from './qualifying-complaint.rule';

const windows = { complaintWindowMonths: 1, applicationWindowMonths: 6 };

describe('qualifying complaint (s104(11))', () => {
  it.each([
    ['2025-01-15', '2025-02-15', true],
    ['2025-01-15', '2025-02-16', false],
    ['2025-03-31', '2025-04-30', true],
    ['2025-03-31', '2025-05-01', false],
    ['2024-01-31', '2024-02-29', true],
    ['2024-01-31', '2024-03-01', false],
  ])('behaviour on %s reported on %s is within one month: %s', (behaviourDate, reportDate, expected) => {
    expect(madeWithinComplaintWindow({ behaviourDate, reportDate }, 1)).toBe(expected);
  });

  it.each([
    ['2025-08-31', '2026-02-28', true],
    ['2025-08-31', '2026-03-01', false],
    ['2025-08-31', '2025-08-30', false],
  ])('a complaint of %s supports an application on %s: %s', (reportDate, on, expected) => {
    expect(withinMonthsOfComplaint({ behaviourDate: reportDate, reportDate }, on, 6)).toBe(expected);
  });

  it('gives every reason a complaint fails', () => {
    expect(nonQualifyingReasons({ behaviourDate: '2024-10-01', reportDate: '2024-11-15' }, '2025-06-10', windows)).toEqual([
      'reported-more-than-the-complaint-window-after-the-behaviour',
      'application-more-than-the-application-window-after-the-complaint',
    ]);
    expect(nonQualifyingReasons({ behaviourDate: '2025-05-01', reportDate: '2025-05-02' }, '2025-06-10', windows)).toEqual([]);
  });
});
