import { CaseSummary, CaseTypeDefinition } from '@casetrail/workflow';
import { CaseAccessFacts } from '../auth/principal';

export function accessFacts(definition: CaseTypeDefinition, summary: CaseSummary): CaseAccessFacts {
  return {
    caseType: definition.caseType,
    restricted: definition.restrictedByDefault || summary.restricted,
    agencies: summary.agencies,
  };
}
