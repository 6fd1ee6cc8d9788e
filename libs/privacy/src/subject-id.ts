import { nameBasedUuid } from '@casetrail/workflow';

/** Namespace of subject ids. Never change it: the same person in a case must keep one subject. */
export const SUBJECT_NAMESPACE = '5b0f3c9e-8a41-4f0e-9d62-3a7c1e2b4d58';

/**
 * A subject is a person (or organisation, or the case's free text) within one case: a name-based
 * UUID of the case id and the slot, so a retried command, or a later event about the same slot,
 * finds the same subject and key without a lookup table.
 */
export function subjectIdOf(caseId: string, slot: string): string {
  const name = `${caseId}#${slot}`;
  let id = subjectIds.get(name);
  if (id === undefined) {
    id = nameBasedUuid(SUBJECT_NAMESPACE, name);
    if (subjectIds.size >= SUBJECT_IDS_KEPT) subjectIds.clear();
    subjectIds.set(name, id);
  }
  return id;
}

/**
 * Ids already derived: every encryption asks for each field's subject, twice (which keys, then
 * sealing), and a SHA-1 per ask is the dearest step of finding them. Bounded: cleared when full.
 * Holds case ids and slots only, nothing personal.
 */
const subjectIds = new Map<string, string>();
const SUBJECT_IDS_KEPT = 10_000;
