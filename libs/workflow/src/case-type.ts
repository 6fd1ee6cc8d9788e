import { z } from 'zod';
import { Decider, DomainCommand, DomainEvent } from './decider';
import { Upcaster } from './upcasters';

/** What the read side and the API know about any case without knowing its type. */
export interface CaseSummary {
  stage: string;
  risk?: 'standard' | 'medium' | 'high';
  assignee?: { caseworkerId: string; agency: string };
  agencies: string[];
  restricted: boolean;
  openedAt?: string;
  closedAt?: string;
  /** A few facts worth showing in a list or a page header; no personal data. */
  keyFacts: Record<string, string | number | boolean | null>;
}

/**
 * Everything the application needs to host one case type: the decider, the schemas that guard
 * it, and what the API shows. One per folder under libs/cases/src.
 */
export interface CaseTypeDefinition<
  Command extends DomainCommand = DomainCommand,
  Event extends DomainEvent = DomainEvent,
  State = unknown,
> {
  /** Also the stream id prefix: `<caseType>-<uuid>`. */
  caseType: string;
  decider: Decider<Command, Event, State>;
  /** The data schema of each command, by command type. */
  commands: Record<Command['type'], z.ZodType>;
  /** The current data schema of each event, by event type. */
  events: Record<Event['type'], z.ZodType>;
  /** The command that opens a case of this type. */
  openCommand: Command['type'];
  /** Commands that act on what the user saw: the API requires If-Match for them. */
  conditionalCommands: Command['type'][];
  policy: { section: string; schema: z.ZodObject };
  /** Steps that read old versions of this type's events as the current version. */
  upcasters: Upcaster[];
  /** Restricted by default (need-to-know), e.g. every domestic-abuse referral. */
  restrictedByDefault: boolean;
  /** Commands that the case's current stage allows (roles are checked elsewhere). */
  allowedCommands(state: State): Command['type'][];
  summarise(state: State): CaseSummary;
}
