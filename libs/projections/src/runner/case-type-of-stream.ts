import { CaseTypeDefinition } from '@casetrail/workflow';

/** `<caseType>-<uuid>`, as case ids are minted. */
const CASE_ID = /^([a-z][a-z-]*)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** ProjectionDeps.definitionFor for processes without the API's CaseTypes service (worker, CLI). */
export function caseTypeOfStream(definitions: readonly CaseTypeDefinition[]): (streamId: string) => CaseTypeDefinition | undefined {
  const byName = new Map(definitions.map((d) => [d.caseType, d]));
  return (streamId) => {
    const match = CASE_ID.exec(streamId);
    return match ? byName.get(match[1]!) : undefined;
  };
}
