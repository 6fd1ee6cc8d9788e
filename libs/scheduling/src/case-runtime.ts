import { join } from 'node:path';
import { EventStore } from '@casetrail/event-store';
import { Actor, CaseTypeDefinition, loadBankHolidays, loadPolicyDirectory, PolicyLookup, WorkingDayCalendar } from '@casetrail/workflow';

/** The scheduler acts as this actor; every event it causes says so. */
export const SCHEDULER_ACTOR: Actor = { id: 'scheduler', role: 'system', agency: 'casetrail' };

/** What sending a command needs besides the command: the same inputs the API hands the command path. */
export interface CommandRuntime {
  store: EventStore;
  definitions: readonly CaseTypeDefinition[];
  policy: PolicyLookup;
  calendar: WorkingDayCalendar;
  /** The application's "now"; the only clock the scheduler's commands are stamped with. */
  now: () => Date;
  /** Told how late (ms after its due time) each deadline was recorded as missed: /metrics' deadline lateness. */
  deadlineExpired?: (latenessMs: number) => void;
}

const CASE_ID = /^([a-z][a-z-]*)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The case type of a well-formed case id (`<caseType>-<uuid>`), as the API finds it. */
export function definitionForCase(definitions: readonly CaseTypeDefinition[], caseId: string): CaseTypeDefinition | undefined {
  const match = CASE_ID.exec(caseId);
  return match ? definitions.find((d) => d.caseType === match[1]) : undefined;
}

/** Policy and bank holidays from the policy directory, validated as the API loads them. */
export function loadPolicyAndCalendar(
  policyDir: string,
  definitions: readonly CaseTypeDefinition[],
): Pick<CommandRuntime, 'policy' | 'calendar'> {
  return {
    policy: loadPolicyDirectory(policyDir, definitions.map((d) => d.policy)),
    calendar: loadBankHolidays(join(policyDir, 'bank-holidays', 'england-and-wales.json')),
  };
}
