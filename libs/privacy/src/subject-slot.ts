/**
 * Whose a personal field is, when its schema does not say (`personal(schema, 'victim')` does):
 * the slot of the person it describes within the case (ADR 0009, docs/privacy.md).
 *
 * 1. the nearest enclosing object with its own id (`perpetratorId: "p1"` → `perpetrator:p1`), so a
 *    perpetrator named at intake and updated later shares one subject;
 * 2. else the nearest list entry (`victims[0]`);
 * 3. else the top-level part it sits in (`location`, `applicant`, `recipient`);
 * 4. else `case`: free text about the case as a whole (a reason, a note).
 */
export function slotOf(path: readonly (string | number)[], ancestors: readonly unknown[]): string {
  for (let depth = ancestors.length - 1; depth >= 0; depth -= 1) {
    const owner = ancestors[depth];
    if (typeof owner !== 'object' || owner === null || Array.isArray(owner)) continue;
    for (const [key, id] of Object.entries(owner)) {
      if (OWN_ID.test(key) && !NOT_A_PERSON.has(key) && !key.endsWith('CaseId') && typeof id === 'string' && !CASE_ID.test(id) && key !== path[depth]) {
        return `${key.slice(0, -2)}:${id}`;
      }
    }
  }
  for (let index = path.length - 1; index > 0; index -= 1) {
    if (typeof path[index] === 'number') return `${String(path[index - 1])}[${String(path[index])}]`;
  }
  return path.length > 1 ? String(path[0]) : 'case';
}

const OWN_ID = /^[a-z][A-Za-z]*Id$/;
/** A link to another case (`asbCaseId: "asb-<uuid>"`) names that case, not the person beside it. */
const CASE_ID = /^[a-z][a-z-]*-[0-9a-f]{8}-[0-9a-f]{4}-/;

/** Ids that name the case, its workers or the command, never the person described beside them. */
const NOT_A_PERSON = new Set(['caseId', 'caseworkerId', 'actorId', 'commandId', 'eventId', 'correlationId', 'causationId', 'deadlineId', 'matchedCaseId', 'staffId', 'userId']);
