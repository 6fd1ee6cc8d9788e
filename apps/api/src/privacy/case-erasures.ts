import { CaseErasure } from '@casetrail/audit';
import { EventStore } from '@casetrail/event-store';
import { SUBJECT_ERASED, SubjectErasedData, SubjectKeyStore, subjectStreamId } from '@casetrail/privacy';

/** The erasures of a case's data subjects, from each subject's own stream, for the case timeline. */
export async function caseErasures(store: EventStore, keys: SubjectKeyStore, caseId: string): Promise<CaseErasure[]> {
  const erased = (await keys.subjectsOfCase(caseId)).filter((subject) => subject.destroyedAt !== undefined);
  const streams = await Promise.all(erased.map((subject) => store.readStream(subjectStreamId(subject.subjectId))));
  return streams.flat().flatMap((event) => {
    if (event.type !== SUBJECT_ERASED) return [];
    const data = event.data as SubjectErasedData;
    const { actorId, actorRole, agency } = event.metadata;
    return [{ at: event.metadata.occurredAt, subjectId: data.subjectId, slot: data.slot, reason: data.reason, actor: { id: actorId, role: actorRole, agency } }];
  });
}
