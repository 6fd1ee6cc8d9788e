import { SubjectAlreadyErasedError } from './privacy.errors';

/** The one event of a subject's stream (`subject-<subjectId>`). Holds no personal data. */
export interface SubjectErasedData {
  subjectId: string;
  /** The case streams whose events held the subject's data. */
  caseIds: string[];
  /** Who in the case (`victims[0]`, `perpetrator:p1`). */
  slot: string;
  /** Why, e.g. "Art. 17 request ref. DPO-2031" or "retention: asb closed > 6 years". */
  reason: string;
  erasedAt: string;
}

export const SUBJECT_ERASED = 'SubjectErased';

export interface EraseSubjectCommand {
  subjectId: string;
  caseId: string;
  slot: string;
  reason: string;
}

export interface SubjectStreamState {
  erasedAt?: string;
}

export function evolveSubject(state: SubjectStreamState, event: { type: string; data: unknown }): SubjectStreamState {
  return event.type === SUBJECT_ERASED ? { erasedAt: (event.data as SubjectErasedData).erasedAt } : state;
}

/** Pure: an erasure happens once per subject. */
export function decideErasure(command: EraseSubjectCommand, state: SubjectStreamState, now: string): SubjectErasedData {
  if (state.erasedAt !== undefined) throw new SubjectAlreadyErasedError(command.subjectId, state.erasedAt);
  return { subjectId: command.subjectId, caseIds: [command.caseId], slot: command.slot, reason: command.reason, erasedAt: now };
}
