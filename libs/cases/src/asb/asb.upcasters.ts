import { Upcaster } from '@casetrail/workflow';

/**
 * AsbReported v1 -> v2. Version 1 kept a person victim's name as one `name`; version 2 splits it
 * into `givenName` and `familyName` so letters and searches can use either. The last word is
 * taken as the family name; a single word becomes the family name with an empty given name.
 */
export const asbReportedSplitsVictimName: Upcaster = {
  eventType: 'AsbReported',
  fromVersion: 1,
  upcast(data: unknown): unknown {
    if (!isRecord(data) || !Array.isArray(data.victims)) return data;
    return { ...data, victims: data.victims.map(splitPersonName) };
  },
};

export const ASB_UPCASTERS: Upcaster[] = [asbReportedSplitsVictimName];

function splitPersonName(victim: unknown): unknown {
  if (!isRecord(victim) || victim.kind !== 'person' || typeof victim.name !== 'string') return victim;
  const { name, ...rest } = victim;
  const words = name.trim().split(/\s+/);
  const familyName = words.pop() ?? '';
  return { ...rest, givenName: words.join(' '), familyName };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
