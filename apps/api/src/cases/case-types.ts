import { Inject, Injectable } from '@nestjs/common';
import { CaseTypeDefinition } from '@casetrail/workflow';

export const CASE_DEFINITIONS = Symbol('CASE_DEFINITIONS');

const CASE_ID = /^([a-z][a-z-]*)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The case types this deployment hosts, found by name or by a case id's prefix. */
@Injectable()
export class CaseTypes {
  private readonly byName: Map<string, CaseTypeDefinition>;

  constructor(@Inject(CASE_DEFINITIONS) definitions: CaseTypeDefinition[]) {
    this.byName = new Map(definitions.map((d) => [d.caseType, d]));
  }

  all(): CaseTypeDefinition[] {
    return [...this.byName.values()];
  }

  named(caseType: string): CaseTypeDefinition | undefined {
    return this.byName.get(caseType);
  }

  /** The definition of a well-formed case id (`<caseType>-<uuid>`), or undefined. */
  forCase(caseId: string): CaseTypeDefinition | undefined {
    const match = CASE_ID.exec(caseId);
    return match ? this.byName.get(match[1]!) : undefined;
  }
}
