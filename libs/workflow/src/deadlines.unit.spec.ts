import { decideExpireDeadline, Deadlines, evolveDeadlines, scheduleDeadline, DeadlineEvent } from './deadlines';

const id = 'asb-1/ASB_TRIAGE_DUE';
const due = '2026-03-02T10:00:00.000Z';
const after = '2026-03-02T10:00:01.000Z';
const fold = (events: DeadlineEvent[]): Deadlines => events.reduce<Deadlines>((all, e) => evolveDeadlines(all, e), {});
const expire = (deadlines: Deadlines, dueAt = due, now = after) => decideExpireDeadline(deadlines, { type: 'ExpireDeadline', data: { deadlineId: id, dueAt } }, now);

describe('deadlines: ExpireDeadline does nothing unless the deadline is open, unchanged and due', () => {
  const scheduled = scheduleDeadline(id, 'ASB_TRIAGE_DUE', due);

  it('records DeadlineMissed for an open deadline once its due time has passed', () => {
    expect(expire(fold([scheduled]))).toEqual([{ type: 'DeadlineMissed', data: { deadlineId: id, rule: 'ASB_TRIAGE_DUE', dueAt: due, missedAt: after } }]);
  });

  it('records it at exactly the due time, not a millisecond before', () => {
    expect(expire(fold([scheduled]), due, due)).toHaveLength(1);
    expect(expire(fold([scheduled]), due, '2026-03-02T09:59:59.999Z')).toEqual([]);
  });

  it.each([
    ['met', { type: 'DeadlineMet', data: { deadlineId: id, metAt: due } }],
    ['cancelled', { type: 'DeadlineCancelled', data: { deadlineId: id, reason: 'case closed' } }],
    ['already missed', { type: 'DeadlineMissed', data: { deadlineId: id, rule: 'ASB_TRIAGE_DUE', dueAt: due, missedAt: after } }],
  ] as [string, DeadlineEvent][])('does nothing for a deadline %s', (_label, event) => {
    expect(expire(fold([scheduled, event]))).toEqual([]);
  });

  it('does nothing for a deadline rescheduled since the scheduler armed it', () => {
    const rescheduled = scheduleDeadline(id, 'ASB_TRIAGE_DUE', '2026-03-09T10:00:00.000Z');
    expect(expire(fold([scheduled, rescheduled]))).toEqual([]);
  });

  it('does nothing for a deadline the case never scheduled', () => {
    expect(expire(fold([]))).toEqual([]);
  });
});
