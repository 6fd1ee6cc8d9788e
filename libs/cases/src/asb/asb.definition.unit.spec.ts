import { DomainRuleError } from '@casetrail/workflow';
import { AsbCommandType } from './asb.commands';
import { asbCaseType } from './asb.definition';
import { AsbEvent } from './asb.events';
import { asbPolicy } from './asb.policy';
import { ASB_STAGES } from './asb.state';
import {
  CASE_ID,
  CLOSED_AT,
  HISTORY_BY_STAGE,
  OPENED_AT,
  SAMPLE_COMMANDS,
  asbPolicyLookup,
  calendar,
  closedCase,
  escalatedCase,
  readAsbPolicyFile,
} from './testing/asb-fixtures';

const { decider } = asbCaseType;
const fold = (events: AsbEvent[]) => events.reduce(decider.evolve, decider.initialState());

describe('ASB case type definition', () => {
  describe('policy/asb.yaml', () => {
    const file = readAsbPolicyFile();

    it('is the asb section and gives every key of the policy schema, and no other', () => {
      expect(file.section).toBe(asbPolicy.section);
      expect(Object.keys(file.values).sort()).toEqual(Object.keys(asbPolicy.schema.shape).sort());
    });

    it.each(Object.keys(asbPolicy.schema.shape))('%s: each entry is a valid, dated, sourced value', (key) => {
      const valueSchema = asbPolicy.schema.shape[key as keyof typeof asbPolicy.schema.shape];
      const entries = file.values[key] ?? [];
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(valueSchema.safeParse(entry.value).success).toBe(true);
        expect(entry.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(entry.source).toEqual(expect.any(String));
      }
    });
  });

  describe('allowedCommands', () => {
    const everyCommand = Object.keys(SAMPLE_COMMANDS) as AsbCommandType[];

    const policy = asbPolicyLookup();

    it.each(ASB_STAGES)('in %s lists exactly the commands the decider does not refuse for the stage', (stage) => {
      const state = fold(HISTORY_BY_STAGE[stage]);
      expect(state.stage).toBe(stage);
      const allowed = asbCaseType.allowedCommands(state);
      const refusedForStage = everyCommand.filter((type) => {
        try {
          decider.decide(SAMPLE_COMMANDS[type], state, {
            caseId: CASE_ID,
            now: '2025-03-10T12:00:00Z',
            actor: { id: 'officer-1', role: 'caseworker', agency: 'tmbc' },
            policy,
            calendar,
          });
          return false;
        } catch (error) {
          return error instanceof DomainRuleError && error.code === 'ASB_COMMAND_NOT_ALLOWED_IN_STAGE';
        }
      });
      expect([...allowed].sort()).toEqual(everyCommand.filter((type) => !refusedForStage.includes(type)).sort());
    });
  });

  it('knows the schema of every command and event it names', () => {
    const commandTypes = Object.keys(asbCaseType.commands);
    expect(commandTypes).toContain(asbCaseType.openCommand);
    expect(commandTypes).toEqual(expect.arrayContaining(asbCaseType.conditionalCommands));
    expect(Object.keys(asbCaseType.events)).toEqual(expect.arrayContaining(['DeadlineScheduled', 'DeadlineMet', 'DeadlineCancelled', 'DeadlineMissed']));
    for (const event of [...closedCase, ...escalatedCase]) {
      expect({ type: event.type, success: asbCaseType.events[event.type].safeParse(event.data).success }).toEqual({ type: event.type, success: true });
    }
  });

  it('is open to partners by default', () => {
    expect(asbCaseType.restrictedByDefault).toBe(false);
  });

  describe('summarise', () => {
    it('shows nothing but the stage before a report', () => {
      expect(asbCaseType.summarise(decider.initialState())).toEqual({ stage: 'not-reported', agencies: [], restricted: false, keyFacts: {} });
    });

    it('shows stage, risk, assignee, agencies, dates and key facts of a closed case', () => {
      const history: AsbEvent[] = [
        ...closedCase.slice(0, 3),
        { type: 'CaseAssigned', data: { caseworkerId: 'cw-7', agency: 'town-housing', previousAssignee: null, assignedAt: OPENED_AT } },
        ...closedCase.slice(3),
      ];
      expect(asbCaseType.summarise(fold(history))).toEqual({
        stage: 'closed',
        risk: 'medium',
        assignee: { caseworkerId: 'cw-7', agency: 'town-housing' },
        agencies: ['tmbc', 'town-housing'],
        restricted: false,
        openedAt: OPENED_AT,
        closedAt: CLOSED_AT,
        keyFacts: {
          category: 'noise',
          incidentCount: 1,
          qualifyingComplaints: 1,
          repeatReport: false,
          caseReviewPromptRaised: false,
          escalationRoute: null,
          escalationCaseId: null,
          reopenings: 0,
          outcome: 'behaviour-stopped',
          victimSatisfaction: 'satisfied',
        },
      });
    });

    it('shows the escalation link and a restriction', () => {
      const restricted: AsbEvent[] = [...escalatedCase, { type: 'CaseMarkedRestricted', data: { reason: 'Councillor involved', markedAt: OPENED_AT } }];
      expect(asbCaseType.summarise(fold(restricted))).toMatchObject({
        stage: 'escalated',
        restricted: true,
        keyFacts: { escalationRoute: 'cpw-cpn', escalationCaseId: 'cpw-cpn-7b1e9d2c-4a5f-4e8b-a1c3-9d0f2e4b6a87' },
      });
    });

    it('holds no names, addresses, contact details or narratives', () => {
      const shown = JSON.stringify(asbCaseType.summarise(fold(escalatedCase)));
      for (const personal of ['Jane', 'Smith', 'Mill Lane', '07700', 'Sam', 'Jones', '2001-06-15', 'Loud music', 'warning letter']) {
        expect(shown).not.toContain(personal);
      }
    });
  });
});
