import { DEADLINE_EVENT_SCHEMAS } from '@casetrail/workflow';
import { dateText, ruleText } from '../wording';
import { DescribersOf } from './describer';

/** The deadline events every case type shares (libs/workflow deadlines.ts). */
export const DEADLINE_DESCRIBERS: DescribersOf<typeof DEADLINE_EVENT_SCHEMAS> = {
  DeadlineScheduled: (d) => `Deadline set: ${ruleText(d.rule)}, due by the end of ${dateText(d.dueAt)}`,
  DeadlineMet: (d, who) => `Deadline met: ${deadlineRule(d.deadlineId)}, on ${dateText(d.metAt)} (${who})`,
  DeadlineCancelled: (d) => `Deadline cancelled: ${deadlineRule(d.deadlineId)}`,
  DeadlineMissed: (d) => `Deadline missed: ${ruleText(d.rule)} was due by the end of ${dateText(d.dueAt)}`,
};

/** `<caseId>/<RULE>[/<n>]` -> the rule as words, with its occurrence. */
function deadlineRule(deadlineId: string): string {
  const [, rule = deadlineId, occurrence] = deadlineId.split('/');
  return occurrence === undefined ? ruleText(rule) : `${ruleText(rule)} (${occurrence})`;
}
