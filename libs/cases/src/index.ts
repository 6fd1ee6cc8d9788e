import type { CaseTypeDefinition } from '@casetrail/workflow';
import { asbCaseType } from './asb';
import { communityTriggerCaseType } from './community-trigger';
import { cpwCpnCaseType } from './cpw-cpn';
import { daReferralCaseType } from './da-referral';

export * from './asb';
export * from './community-trigger';
export * from './cpw-cpn';
export * from './da-referral';

/** The four case types Casetrail hosts. */
export const CASE_TYPES: CaseTypeDefinition[] = [
  asbCaseType,
  cpwCpnCaseType,
  communityTriggerCaseType,
  daReferralCaseType,
] as unknown as CaseTypeDefinition[];
