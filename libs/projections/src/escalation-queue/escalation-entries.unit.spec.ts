import { DomainEvent } from '@casetrail/workflow';
import { escalationEntries } from './escalation-entries';

const CASE = 'cpw-cpn-00000000-0000-4000-8000-000000000001';
const scheduled = (rule: string, dueAt: string, suffix = ''): DomainEvent => ({
  type: 'DeadlineScheduled',
  data: { deadlineId: `${CASE}/${rule}${suffix}`, rule, dueAt },
});
const missed = (rule: string, dueAt: string, suffix = ''): DomainEvent => ({
  type: 'DeadlineMissed',
  data: { deadlineId: `${CASE}/${rule}${suffix}`, rule, dueAt, missedAt: dueAt },
});
const reasons = (events: DomainEvent[]) => escalationEntries(CASE, events).map((e) => `${e.reason} ${e.deadlineId ?? ''}`.trim());

describe('escalation entries of one case', () => {
  it('does not list a first contact made late: the miss is recorded with the contact that settles it', () => {
    const due = '2026-03-04T09:00:00.000Z';
    expect(
      reasons([
        scheduled('FIRST_CONTACT', due),
        { type: 'ContactAttemptRecorded', data: { attemptNumber: 1, outcome: 'successful' } },
        missed('FIRST_CONTACT', due),
      ]),
    ).toEqual([]);
    expect(reasons([scheduled('FIRST_CONTACT', due), { type: 'ContactAttemptRecorded', data: { outcome: 'no-answer' } }, missed('FIRST_CONTACT', due)])).toEqual([
      `DEADLINE_MISSED ${CASE}/FIRST_CONTACT`,
    ]);
  });

  it('keeps an unpaid fixed penalty listed until that breach is paid or prosecuted, not another one', () => {
    const history = [scheduled('FPN_PAYMENT_PERIOD', '2026-03-16T23:59:59.999Z', '/2'), missed('FPN_PAYMENT_PERIOD', '2026-03-16T23:59:59.999Z', '/2')];
    expect(reasons([...history, { type: 'FpnPaid', data: { breachNumber: 1 } }])).toEqual([`DEADLINE_MISSED ${CASE}/FPN_PAYMENT_PERIOD/2`]);
    expect(reasons([...history, { type: 'ProsecutionStarted', data: { breachNumbers: [1, 2] } }])).toEqual([]);
  });

  it('takes a deadline scheduled again as moved and waiting afresh', () => {
    const entries = escalationEntries(CASE, [
      scheduled('CT_REVIEW_PANEL', '2026-04-01T22:59:59.999Z'),
      scheduled('CT_REVIEW_PANEL', '2026-04-08T22:59:59.999Z'),
    ]);
    expect(entries.map((e) => [e.reason, e.dueAt, e.comingDue])).toEqual([['CT_PANEL_DUE', '2026-04-08T22:59:59.999Z', true]]);
  });

  it('turns a missed Community Trigger decision into a missed deadline until the decision is taken', () => {
    const due = '2026-03-16T23:59:59.999Z';
    const history = [scheduled('CT_THRESHOLD_DECISION', due), missed('CT_THRESHOLD_DECISION', due)];
    expect(reasons(history)).toEqual([`DEADLINE_MISSED ${CASE}/CT_THRESHOLD_DECISION`]);
    expect(reasons([...history, { type: 'ThresholdAssessed', data: { met: false } }])).toEqual([]);
  });

  it('lists nothing once the case has ended, whatever was outstanding', () => {
    const history = [scheduled('SOME_LOCAL_RULE', '2026-03-16T10:00:00Z'), missed('SOME_LOCAL_RULE', '2026-03-16T10:00:00Z')];
    expect(reasons(history)).toEqual([`DEADLINE_MISSED ${CASE}/SOME_LOCAL_RULE`]);
    expect(reasons([...history, { type: 'EscalationClosed', data: {} }])).toEqual([]);
  });

  it('stores due times in UTC so that text order is time order', () => {
    const [entry] = escalationEntries(CASE, [scheduled('CPW_TIME_TO_COMPLY', '2026-06-01T23:59:59.999+01:00')]);
    expect(entry).toMatchObject({ reason: 'CPW_DECISION_OVERDUE', dueAt: '2026-06-01T22:59:59.999Z', visibleFrom: '2026-06-01T22:59:59.999Z' });
  });
});
