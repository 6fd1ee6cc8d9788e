/** New personal data for a subject whose key is destroyed: writing it would undo the erasure. */
export class SubjectErasedError extends Error {
  readonly code = 'SUBJECT_ERASED';
  readonly status = 409;
  constructor(
    readonly subjectId: string,
    readonly slot: string,
  ) {
    super(`Subject ${subjectId} (${slot}) has been erased: new personal data about them cannot be recorded in this case`);
    this.name = 'SubjectErasedError';
  }
}

/** An envelope names a subject the key store has never heard of: a lost or foreign key table. */
export class SubjectKeyMissingError extends Error {
  constructor(readonly subjectId: string) {
    super(`No key record for subject ${subjectId}: the key table does not belong to this event store, or rows were deleted`);
    this.name = 'SubjectKeyMissingError';
  }
}

export class SubjectNotFoundError extends Error {
  readonly code = 'SUBJECT_NOT_FOUND';
  readonly status = 404;
  constructor(readonly subjectId: string) {
    super(`No data subject ${subjectId}`);
    this.name = 'SubjectNotFoundError';
  }
}

export class SubjectAlreadyErasedError extends Error {
  readonly code = 'SUBJECT_ALREADY_ERASED';
  readonly status = 409;
  constructor(
    readonly subjectId: string,
    readonly erasedAt: string,
  ) {
    super(`Subject ${subjectId} was erased at ${erasedAt}`);
    this.name = 'SubjectAlreadyErasedError';
  }
}
