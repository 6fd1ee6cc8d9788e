import { nameBasedUuid } from '@casetrail/workflow';

/** Namespace of subject ids. Never change it: the same person in a case must keep one subject. */
export const SUBJECT_NAMESPACE = '5b0f3c9e-8a41-4f0e-9d62-3a7c1e2b4d58';

/**
 * A subject is a person (or organisation, or the case's free text) within one case: a name-based
 * UUID of the case id and the slot, so a retried command, or a later event about the same slot,
 * finds the same subject and key without a lookup table.
 */
export function subjectIdOf(caseId: string, slot: string): string {
  return nameBasedUuid(SUBJECT_NAMESPACE, `${caseId}#${slot}`);
}
