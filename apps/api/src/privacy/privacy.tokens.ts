/** The adapter itself, under the encryption: for hash-chain checks, which are over what is stored. */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
/** The SubjectKeyStore (libs/privacy). */
export const SUBJECT_KEYS = Symbol('SUBJECT_KEYS');
/** The PersonalDataSealer, for copies of events kept outside the store (stored command responses). */
export const PERSONAL_DATA_SEALER = Symbol('PERSONAL_DATA_SEALER');

/** Seals the personal data in a response body before it is kept, and opens it when it is replayed. */
export interface PersonalDataSealer {
  seal(caseId: string, body: unknown): Promise<unknown>;
  open(body: unknown): Promise<unknown>;
}

/** The case types hosted, for need-to-know checks on a subject's case. */
export const PRIVACY_CASE_TYPES = Symbol('PRIVACY_CASE_TYPES');

/**
 * The command path's kept case states (CaseStates, libs/workflow): decrypted, so they live beside
 * the keys, and every key this process destroys clears them.
 */
export const CASE_STATES = Symbol('CASE_STATES');
