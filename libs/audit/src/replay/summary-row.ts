import { RecordedEvent } from '@casetrail/event-store';
import { CaseSummary, CaseTypeDefinition, Deadlines, openDeadlines } from '@casetrail/workflow';

/** The case-summary columns a replay checks, in the read model's terms (JSON columns parsed). */
export interface SummaryFields {
  case_type: string;
  stage: string;
  risk: string | null;
  assignee_id: string | null;
  assignee_agency: string | null;
  agencies: string[];
  restricted: boolean;
  opened_at: string | null;
  closed_at: string | null;
  next_deadline_at: string | null;
  revision: number;
  last_event_at: string;
  key_facts: unknown;
}

/**
 * What the case-summary row of a case must say, worked out again from the case type's own
 * `summarise` and the events, independently of the projection's code: the two agreeing is the
 * evidence that the list users work from shows what the events say.
 */
export function expectedSummary(
  definition: CaseTypeDefinition,
  summary: CaseSummary,
  deadlines: Deadlines,
  last: RecordedEvent,
): SummaryFields {
  return {
    case_type: definition.caseType,
    stage: summary.stage,
    risk: summary.risk ?? null,
    assignee_id: summary.assignee?.caseworkerId ?? null,
    assignee_agency: summary.assignee?.agency ?? null,
    agencies: [...new Set(summary.agencies)].sort(),
    restricted: definition.restrictedByDefault || summary.restricted,
    opened_at: summary.openedAt ?? null,
    closed_at: summary.closedAt ?? null,
    next_deadline_at: openDeadlines(deadlines).map((d) => d.dueAt).sort()[0] ?? null,
    revision: last.revision,
    last_event_at: last.metadata.occurredAt,
    key_facts: summary.keyFacts,
  };
}

/** A stored row in the same terms. */
export function storedSummary(row: {
  case_type: string;
  stage: string;
  risk: string | null;
  assignee_id: string | null;
  assignee_agency: string | null;
  agencies: string;
  restricted: number | boolean;
  opened_at: string | null;
  closed_at: string | null;
  next_deadline_at: string | null;
  revision: number;
  last_event_at: string;
  key_facts: string;
}): SummaryFields {
  return {
    case_type: row.case_type,
    stage: row.stage,
    risk: row.risk,
    assignee_id: row.assignee_id,
    assignee_agency: row.assignee_agency,
    agencies: parseJson(row.agencies) as string[],
    restricted: Number(row.restricted) === 1 || row.restricted === true,
    opened_at: row.opened_at,
    closed_at: row.closed_at,
    next_deadline_at: row.next_deadline_at,
    revision: Number(row.revision),
    last_event_at: row.last_event_at,
    key_facts: parseJson(row.key_facts),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
