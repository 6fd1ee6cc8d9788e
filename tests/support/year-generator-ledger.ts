import { Actor } from '@casetrail/workflow';
import { Casework } from './year-generator-casework';
import { SeededRandom } from './year-generator-random';

/**
 * What the generator did, written down as it did it (from its own choices, never read back from
 * the store or a read model), so a test can tally the figures a report must show.
 */
export type GeneratedFact =
  | { what: 'asb-case-opened'; on: string; category: string }
  | { what: 'mediation-referred'; on: string; mediationType: string }
  | { what: 'cpw-issued'; on: string; issuerType: string }
  | { what: 'cpn-issued'; on: string; issuerType: string }
  | { what: 'cpn-breach'; on: string }
  | { what: 'fpn-issued'; on: string; pence: number }
  | { what: 'fpn-paid'; on: string; pence: number; early: boolean }
  | { what: 'prosecution-started'; on: string }
  | { what: 'prosecution-concluded'; on: string; result: 'not-guilty' | 'withdrawn' }
  | {
      what: 'prosecution-concluded';
      on: string;
      result: 'guilty';
      charges: number;
      finePence: number;
      costsPence: number;
      victimSurchargePence: number;
    }
  | { what: 'ct-application'; on: string; relationship: string }
  | { what: 'ct-threshold-decided'; on: string; met: boolean }
  | { what: 'ct-review'; on: string; recommendations: number }
  | { what: 'da-referral'; on: string; receivedAt: string; gender: string; risk: 'standard' | 'medium' | 'high' | 'not-assessed' }
  | { what: 'marac-referral'; on: string; repeat: boolean }
  | { what: 'idva-allocated'; on: string };

/** What every case flow of the generator works with. */
export interface GeneratorContext {
  casework: Casework;
  random: SeededRandom;
  record(fact: GeneratedFact): void;
}

export const ASB_OFFICER: Actor = { id: 'asb-officer-1', role: 'caseworker', agency: 'tmbc' };
export const POLICE_OFFICER: Actor = { id: 'pc-4412', role: 'caseworker', agency: 'kent-police' };
export const CT_COORDINATOR: Actor = { id: 'ct-coordinator', role: 'caseworker', agency: 'tmbc' };
export const DA_TRIAGE: Actor = { id: 'davss-triage', role: 'caseworker', agency: 'davss' };
