/** One field a command got wrong, e.g. `{ path: 'data.recipient.dateOfBirth', message: 'Invalid ISO date' }`. */
export interface CommandIssue {
  path: string;
  message: string;
}

/** The command's data does not match its schema. Lists every invalid field, not just the first. */
export class CommandValidationError extends Error {
  readonly code = 'COMMAND_INVALID';
  constructor(
    readonly commandType: string,
    readonly issues: CommandIssue[],
  ) {
    super(`Command ${commandType || '(no type)'} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'CommandValidationError';
  }
}

/** The case type has no command of this name. */
export class UnknownCommandError extends Error {
  readonly code = 'UNKNOWN_COMMAND';
  constructor(
    readonly commandType: string,
    readonly caseType: string,
    readonly knownTypes: string[],
  ) {
    super(`Unknown command ${commandType} for case type ${caseType}; known commands: ${knownTypes.join(', ')}`);
    this.name = 'UnknownCommandError';
  }
}

/** A command other than the case type's open command, sent to a case with no events. */
export class CaseNotFoundError extends Error {
  readonly code = 'CASE_NOT_FOUND';
  constructor(readonly caseId: string) {
    super(`Case ${caseId} does not exist`);
    this.name = 'CaseNotFoundError';
  }
}
