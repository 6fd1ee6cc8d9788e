import { z } from 'zod';
import { CaseTypeDefinition } from '@casetrail/workflow';
import { EventSchemasOf } from './encrypting-event-store';

/** The event schemas of a case stream (`<caseType>-<uuid>`), from the case types hosted. */
export function caseEventSchemas(definitions: readonly Pick<CaseTypeDefinition, 'caseType' | 'events'>[]): EventSchemasOf {
  // Longest first, so a type whose name extends another's is not taken for it.
  const types = [...definitions].sort((a, b) => b.caseType.length - a.caseType.length);
  return (streamId) => types.find((d) => streamId.startsWith(`${d.caseType}-`))?.events as Record<string, z.ZodType> | undefined;
}
