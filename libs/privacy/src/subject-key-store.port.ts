import { SubjectKey } from './subject-cipher';

/** A data subject as the key store knows it: no personal data, only where it came from. */
export interface SubjectRecord {
  subjectId: string;
  /** The case (stream) whose events hold the subject's data. */
  caseId: string;
  /** Who in the case, e.g. `victims[0]`, `perpetrator:p1`, `victim` (docs/privacy.md). */
  slot: string;
  createdAt: string;
  /** Set once the key is destroyed: the subject's data now reads "[erased]". */
  destroyedAt?: string;
}

/**
 * Where subjects' data keys live. Small on purpose, so that a KMS adapter (one key per subject,
 * or keys wrapped by the KMS) can replace the SQL one. A destroyed key is never recreated: the
 * record stays, without its key, as the proof that it is gone.
 */
export interface SubjectKeyStore {
  /** The keys of these subjects, creating those that do not exist yet. */
  ensure(subjects: readonly Omit<SubjectRecord, 'createdAt' | 'destroyedAt'>[], now: string): Promise<Map<string, SubjectKey>>;
  /** The keys of these subjects; a subject never created is absent from the map. */
  keys(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>>;
  /** Destroys the key; false when it was destroyed already or never existed. */
  destroy(subjectId: string, now: string): Promise<boolean>;
  subject(subjectId: string): Promise<SubjectRecord | undefined>;
  subjectsOfCase(caseId: string): Promise<SubjectRecord[]>;
}
