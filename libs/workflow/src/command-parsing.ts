import { z } from 'zod';
import { CaseTypeDefinition } from './case-type';
import { CommandIssue, CommandValidationError, UnknownCommandError } from './command-errors';
import { DomainCommand, DomainEvent } from './decider';
import { ExpireDeadline, ExpireDeadlineData } from './deadlines';
import { formatIssuePath, issueMessage } from './validation-issues';

const EXPIRE_DEADLINE = 'ExpireDeadline';

/** Every command type the case type accepts: its own, and ExpireDeadline, which every case type takes. */
export function knownCommandTypes(definition: Pick<CaseTypeDefinition, 'commands'>): string[] {
  const own = Object.keys(definition.commands);
  return own.includes(EXPIRE_DEADLINE) ? own : [...own, EXPIRE_DEADLINE];
}

/**
 * The edge where a command from outside (HTTP body, job payload) becomes a typed command: the
 * decider never sees data its schema has not accepted.
 */
export function parseCommand<C extends DomainCommand, E extends DomainEvent, S>(
  definition: CaseTypeDefinition<C, E, S>,
  raw: { type: unknown; data: unknown },
): C | ExpireDeadline {
  if (typeof raw.type !== 'string' || raw.type === '') {
    throw new CommandValidationError('', [{ path: 'type', message: 'must be the name of a command' }]);
  }
  const schema = commandSchema(definition, raw.type);
  if (!schema) throw new UnknownCommandError(raw.type, definition.caseType, knownCommandTypes(definition));
  const parsed = schema.safeParse(raw.data);
  if (!parsed.success) throw new CommandValidationError(raw.type, parsed.error.issues.flatMap(toCommandIssues));
  // The schema looked up by this very type accepted the data, which is what C's member of that type promises.
  return { type: raw.type, data: parsed.data } as C | ExpireDeadline;
}

function commandSchema(definition: Pick<CaseTypeDefinition, 'commands'>, type: string): z.ZodType | undefined {
  // Own keys only: `constructor` or `__proto__` must not find Object's members.
  const commands: Record<string, z.ZodType> = definition.commands;
  if (Object.hasOwn(commands, type)) return commands[type];
  return type === EXPIRE_DEADLINE ? ExpireDeadlineData : undefined;
}

function toCommandIssues(issue: z.core.$ZodIssue): CommandIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatIssuePath([...issue.path, key], 'data'), message: 'unknown field' }));
  }
  return [{ path: formatIssuePath(issue.path, 'data'), message: issueMessage(issue) }];
}
