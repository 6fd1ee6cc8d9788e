import { DecisionContext } from '@casetrail/workflow';
import { AsbCommand } from './asb.commands';
import { asbDecider } from './asb.decider';
import { AsbEvent } from './asb.events';
import { AsbState } from './asb.state';
import {
  CASE_ID,
  CLOSED_AT,
  INVESTIGATION_STARTED_AT,
  OPENED_AT,
  RESOLVED_AT,
  RISK_ANSWERS,
  TRIAGED_AT,
  asbPolicyLookup,
  calendar,
  closedCase,
  reportAsb,
} from './testing/asb-fixtures';

/** The givens the other specs start from are what the decider itself records for a whole case. */
describe('ASB case from report to closure', () => {
  it('produces exactly the history the specs use as givens', () => {
    const steps: [AsbCommand, string][] = [
      [reportAsb(), OPENED_AT],
      [{ type: 'RecordRiskAssessment', data: { level: 'medium', answers: RISK_ANSWERS } }, TRIAGED_AT],
      [{ type: 'StartInvestigation', data: {} }, INVESTIGATION_STARTED_AT],
      [{ type: 'ResolveCase', data: { resolutionSummary: 'Music stopped after mediation' } }, RESOLVED_AT],
      [{ type: 'CloseCase', data: { outcome: 'behaviour-stopped', victimSatisfaction: 'satisfied' } }, CLOSED_AT],
    ];
    const policy = asbPolicyLookup();
    let state: AsbState = asbDecider.initialState();
    const history: AsbEvent[] = [];
    for (const [command, now] of steps) {
      const context: DecisionContext = { caseId: CASE_ID, now, actor: { id: 'officer-1', role: 'caseworker', agency: 'tmbc' }, policy, calendar };
      const events = asbDecider.decide(command, state, context);
      history.push(...events);
      state = events.reduce(asbDecider.evolve, state);
    }
    expect(history).toEqual(closedCase);
    expect(state.stage).toBe('closed');
  });
});
