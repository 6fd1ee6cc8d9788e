import { DEADLINE_EVENT_SCHEMAS } from '@casetrail/workflow';
import { cpwCpnCaseType } from './cpw-cpn.definition';
import { STAGES_ALLOWING } from './cpw-cpn.stages';
import { at, DATES, history, openIndividual, withCpn, withOpened } from './testing/cpw-cpn.fixtures';

describe('the cpw-cpn case type', () => {
  it('opens with OpenEscalation and guards every command it names', () => {
    const commands = Object.keys(cpwCpnCaseType.commands);
    expect(cpwCpnCaseType.caseType).toBe('cpw-cpn');
    expect(commands).toContain(cpwCpnCaseType.openCommand);
    expect(commands).toEqual(expect.arrayContaining(cpwCpnCaseType.conditionalCommands));
    expect(Object.keys(STAGES_ALLOWING).sort()).toEqual([...commands].sort());
  });

  it('carries the deadline events with their schemas', () => {
    for (const [type, schema] of Object.entries(DEADLINE_EVENT_SCHEMAS)) {
      expect(cpwCpnCaseType.events[type as keyof typeof DEADLINE_EVENT_SCHEMAS]).toBe(schema);
    }
  });

  it('is open to the partnership by default and reads policy section cpw-cpn', () => {
    expect(cpwCpnCaseType.restrictedByDefault).toBe(false);
    expect(cpwCpnCaseType.policy.section).toBe('cpw-cpn');
  });

  it('offers the commands the stage allows', () => {
    expect(cpwCpnCaseType.allowedCommands(cpwCpnCaseType.decider.initialState())).toEqual(['OpenEscalation', 'ExpireDeadline']);
    expect(cpwCpnCaseType.allowedCommands(withOpened().state)).toEqual([
      'RecordRecipientDateOfBirth',
      'IssueCpw',
      'CloseEscalation',
      'ExpireDeadline',
    ]);
    expect(cpwCpnCaseType.allowedCommands(withCpn().state)).toEqual([
      'LodgeAppeal',
      'ExpireCpn',
      'RecordBreach',
      'IssueFpn',
      'RecordFpnPayment',
      'RecordFpnUnpaid',
      'StartProsecution',
      'RecordProsecutionOutcome',
      'RecordRemedialAction',
      'CloseEscalation',
      'ExpireDeadline',
    ]);
  });

  it('summarises without personal data', () => {
    const summary = cpwCpnCaseType.summarise(withCpn().state);
    const shown = JSON.stringify(summary);
    for (const personal of ['Alex Example', 'Acacia', '1990-05-17', 'Loud music', 'Sam Okafor', 'amplified']) {
      expect(shown).not.toContain(personal);
    }
    expect(summary).toMatchObject({
      stage: 'cpn-in-force',
      openedAt: at(DATES.opened),
      keyFacts: { cpwIssuedOn: DATES.cpwIssued, cpnIssuedOn: DATES.cpnIssued, appealDeadline: DATES.appealDeadline, breaches: 0, fpnStatus: null },
    });
    expect(summary.closedAt).toBeUndefined();
  });

  it('summarises an escalation before it is opened', () => {
    expect(cpwCpnCaseType.summarise(cpwCpnCaseType.decider.initialState())).toEqual({
      stage: 'awaiting-open',
      agencies: [],
      restricted: false,
      keyFacts: {},
    });
  });

  it('shows no ASB case when none is linked', () => {
    const command = openIndividual();
    if (command.type !== 'OpenEscalation') throw new Error('fixture');
    const { asbCaseId: _linked, ...unlinked } = command.data;
    const opened = history().run({ type: 'OpenEscalation', data: unlinked }, at(DATES.opened));
    expect(cpwCpnCaseType.summarise(opened.state).keyFacts.asbCaseId).toBeNull();
  });
});
