/**
 * A policy file that start-up refuses. The message is one line naming the file and the field,
 * because it is what an operator sees when the service stops.
 */
export class PolicyFileError extends Error {
  readonly code = 'POLICY_FILE_INVALID';

  private constructor(
    message: string,
    /** The file (or, for a problem across files, the directory) at fault. */
    readonly path: string,
    /** The field path inside the file, e.g. `values.appealDays[0].value`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PolicyFileError';
  }

  static inFile(file: string, field: string | undefined, problem: string): PolicyFileError {
    return new PolicyFileError(`Invalid policy file ${file}: ${field ? `${field}: ` : ''}${problem}`, file, field);
  }

  static inDirectory(dir: string, problem: string): PolicyFileError {
    return new PolicyFileError(`Invalid policy directory ${dir}: ${problem}`, dir);
  }
}
