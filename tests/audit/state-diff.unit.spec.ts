import { diffStates } from '@casetrail/audit';

describe('the difference between two states of a case', () => {
  it('lists each changed, added and removed leaf with its path', () => {
    const before = { stage: 'triaged', risk: { level: 'medium' }, incidents: [{ id: 'i1' }], deadlines: { 'asb-1/ASB_TRIAGE_DUE': { status: 'open' } }, old: 1 };
    const after = {
      stage: 'investigating',
      risk: { level: 'high', raisedBy: 'officer-7' },
      incidents: [{ id: 'i1' }, { id: 'i2', qualifying: true }],
      deadlines: { 'asb-1/ASB_TRIAGE_DUE': { status: 'met' } },
    };
    expect(diffStates(before, after)).toEqual([
      { path: 'deadlines["asb-1/ASB_TRIAGE_DUE"].status', change: 'changed', before: 'open', after: 'met' },
      { path: 'incidents[1].id', change: 'added', after: 'i2' },
      { path: 'incidents[1].qualifying', change: 'added', after: true },
      { path: 'old', change: 'removed', before: 1 },
      { path: 'risk.level', change: 'changed', before: 'medium', after: 'high' },
      { path: 'risk.raisedBy', change: 'added', after: 'officer-7' },
      { path: 'stage', change: 'changed', before: 'triaged', after: 'investigating' },
    ]);
  });

  it('is empty for equal states, and null to a value is a change', () => {
    expect(diffStates({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(diffStates({ closedAt: null }, { closedAt: '2026-05-04' })).toEqual([{ path: 'closedAt', change: 'changed', before: null, after: '2026-05-04' }]);
    expect(diffStates({ list: [] }, { list: {} })).toEqual([{ path: 'list', change: 'changed', before: [], after: {} }]);
    expect(diffStates({}, { deadlines: {} })).toEqual([{ path: 'deadlines', change: 'added', after: {} }]);
    expect(diffStates({ x: [1] }, { x: 'one' })).toEqual([{ path: 'x', change: 'changed', before: [1], after: 'one' }]);
  });
});
