import { shouldPromptCaseReview } from './case-review-prompt.rule';
import { policy, policyFromFile } from './community-trigger.test-support';

const report = (behaviourDate: string, reportDate: string) => ({ behaviourDate, reportDate });

describe('shouldPromptCaseReview (Victims’ Commissioner, 2024)', () => {
  it('does not prompt at the first qualifying complaint', () => {
    expect(shouldPromptCaseReview([report('2025-03-01', '2025-03-02')], '2025-03-02', policy)).toBe(false);
  });

  it('prompts at the second qualifying complaint within six months', () => {
    const complaints = [report('2025-03-01', '2025-03-02'), report('2025-05-10', '2025-05-11')];
    expect(shouldPromptCaseReview(complaints, '2025-05-11', policy)).toBe(true);
  });

  it('does not count a complaint not yet made on the day asked about', () => {
    const complaints = [report('2025-03-01', '2025-03-02'), report('2025-05-10', '2025-05-11')];
    expect(shouldPromptCaseReview(complaints, '2025-05-10', policy)).toBe(false);
  });

  it('does not count a complaint made more than a month after the behaviour', () => {
    const complaints = [report('2025-03-01', '2025-03-02'), report('2025-04-01', '2025-05-02')];
    expect(shouldPromptCaseReview(complaints, '2025-05-02', policy)).toBe(false);
  });

  it('counts the first complaint up to the same date six months on, and not the day after', () => {
    const first = report('2025-01-14', '2025-01-15');
    expect(shouldPromptCaseReview([first, report('2025-07-14', '2025-07-15')], '2025-07-15', policy)).toBe(true);
    expect(shouldPromptCaseReview([first, report('2025-07-15', '2025-07-16')], '2025-07-16', policy)).toBe(false);
  });

  it('follows the prompt count the policy sets', () => {
    const three = policyFromFile({ promptAtComplaints: [{ effectiveFrom: '2025-01-01', value: 3 }] });
    const complaints = [report('2025-03-01', '2025-03-02'), report('2025-05-10', '2025-05-11')];
    expect(shouldPromptCaseReview(complaints, '2025-05-11', three)).toBe(false);
    expect(shouldPromptCaseReview([...complaints, report('2025-05-20', '2025-05-20')], '2025-05-20', three)).toBe(true);
  });

  it('does not prompt before the partnership adopted the prompt', () => {
    const complaints = [report('2023-03-01', '2023-03-02'), report('2023-05-10', '2023-05-11')];
    expect(shouldPromptCaseReview(complaints, '2023-05-11', policy)).toBe(false);
  });

  it('refuses a day that is not a calendar date', () => {
    expect(() => shouldPromptCaseReview([], '2025-02-30', policy)).toThrow(RangeError);
  });
});
