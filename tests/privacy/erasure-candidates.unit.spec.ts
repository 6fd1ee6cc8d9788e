import { erasureCandidates, RetainedCase } from '@casetrail/privacy';
import { StaticPolicy } from '@casetrail/workflow';

const policy = new StaticPolicy({
  retention: {
    asb: [
      { effectiveFrom: '2014-10-20', value: { years: 6, after: 'closed' }, source: 'six years' },
      { effectiveFrom: '2030-01-01', value: { years: 3, after: 'closed' }, source: 'three years' },
    ],
    'da-referral': [{ effectiveFrom: '2014-10-20', value: { years: 6, after: 'closed' } }],
  },
});

const subject = (id: string, erased = false) => ({ subjectId: id, slot: `slot-${id}`, erased });
const closed = (caseId: string, closedAt: string, subjects = [subject(`${caseId}-s`)], caseType = 'asb'): RetainedCase => ({ caseId, caseType, closedAt, subjects });

describe('erasure candidates', () => {
  it('rule RETENTION_CLOSED_PLUS_YEARS: a closed case is a candidate from its London closing date plus the years in force', () => {
    // Closed at 23:30 on 31 May 2019 in London (BST): the period runs from 31 May.
    const cases = [closed('asb-a', '2019-05-31T22:30:00Z')];
    expect(erasureCandidates(cases, policy, '2025-05-30')).toEqual([]);
    expect(erasureCandidates(cases, policy, '2025-05-31')).toEqual([
      { caseId: 'asb-a', caseType: 'asb', closedAt: '2019-05-31T22:30:00Z', rule: 'retention.asb', years: 6, source: 'six years', dueFrom: '2025-05-31', subjects: [{ subjectId: 'asb-a-s', slot: 'slot-asb-a-s' }] },
    ]);
  });

  it('never lists open cases, nor subjects already erased, nor cases with none left', () => {
    const cases: RetainedCase[] = [
      { caseId: 'asb-open', caseType: 'asb', subjects: [subject('x')] },
      closed('asb-done', '2010-01-01T10:00:00Z', [subject('y', true)]),
      closed('asb-part', '2010-01-01T10:00:00Z', [subject('z1', true), subject('z2')]),
    ];
    expect(erasureCandidates(cases, policy, '2026-01-01').map((c) => [c.caseId, c.subjects.map((s) => s.subjectId)])).toEqual([['asb-part', ['z2']]]);
  });

  it('applies the rule in force on the report date, per case type, oldest due first', () => {
    const cases = [closed('asb-b', '2027-06-01T10:00:00Z'), closed('da-referral-c', '2020-01-01T10:00:00Z', undefined, 'da-referral')];
    expect(erasureCandidates(cases, policy, '2029-12-31').map((c) => c.caseId)).toEqual(['da-referral-c']);
    const later = erasureCandidates(cases, policy, '2030-06-01');
    expect(later.map((c) => [c.caseId, c.rule, c.years, c.dueFrom])).toEqual([
      ['da-referral-c', 'retention.da-referral', 6, '2026-01-01'],
      ['asb-b', 'retention.asb', 3, '2030-06-01'],
    ]);
  });
});
