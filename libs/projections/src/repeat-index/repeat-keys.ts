import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Keys that say "the same victim, address or alleged perpetrator" without holding who: each is
 * the sha256 of a kind and a normalised value (lower-case, accents and punctuation dropped,
 * whitespace collapsed; a person's date of birth joined on when known). The read model stores
 * only these hashes, so erasing a person's events leaves nothing readable here.
 */
export type RepeatKeyKind = 'victim' | 'location' | 'perpetrator' | 'da-victim' | 'da-perpetrator' | 'da-pair';

export interface RepeatKey {
  kind: RepeatKeyKind;
  hash: string;
}

export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A value whose subject was erased reads "[erased]" (docs/privacy.md): it names no one, so it
 * makes no key (or every erased person would match every other).
 */
const isErased = (text: string | undefined): boolean => text !== undefined && text.includes('[erased]');

function personValue(name: string, dateOfBirth?: string): string {
  return dateOfBirth ? `${normalise(name)}|${dateOfBirth}` : normalise(name);
}

function key(kind: RepeatKeyKind, value: string): RepeatKey {
  return { kind, hash: createHash('sha256').update(`${kind}\u0000${value}`).digest('hex') };
}

const named = (...parts: (string | undefined)[]) => parts.filter((p): p is string => p !== undefined && p.trim() !== '').join(' ');

// Loose shapes: only the fields keys are made of. Anything else about the data is the case's business.
const AsbVictim = z.union([
  z.object({ kind: z.literal('person'), givenName: z.string(), familyName: z.string() }),
  z.object({ kind: z.enum(['business', 'community-group']), name: z.string() }),
]);
const AsbPerpetrator = z.object({ givenName: z.string().optional(), familyName: z.string().optional(), dateOfBirth: z.string().optional() });
const AsbIntake = z.object({
  victims: z.array(z.unknown()).default([]),
  location: z.object({ address: z.string().optional() }).optional(),
  perpetrators: z.array(z.unknown()).default([]),
});

/** A named alleged perpetrator's key; none for one known only by a description. */
export function asbPerpetratorKey(perpetrator: unknown): RepeatKey | undefined {
  const parsed = AsbPerpetrator.safeParse(perpetrator);
  if (!parsed.success || parsed.data.familyName === undefined || isErased(parsed.data.familyName)) return undefined;
  const { givenName, familyName, dateOfBirth } = parsed.data;
  return key('perpetrator', personValue(named(givenName, familyName), dateOfBirth));
}

/** The keys of an ASB report (ReportAsb's data or AsbReported's): victims, address, named perpetrators. */
export function asbReportKeys(data: unknown): RepeatKey[] {
  const parsed = AsbIntake.safeParse(data);
  if (!parsed.success) return [];
  const keys: RepeatKey[] = [];
  for (const victim of parsed.data.victims) {
    const v = AsbVictim.safeParse(victim);
    if (!v.success) continue;
    const name = v.data.kind === 'person' ? named(v.data.givenName, v.data.familyName) : v.data.name;
    if (normalise(name) !== '' && !isErased(name)) keys.push(key('victim', personValue(name)));
  }
  const address = parsed.data.location?.address;
  if (address !== undefined && normalise(address) !== '' && !isErased(address)) keys.push(key('location', normalise(address)));
  for (const perpetrator of parsed.data.perpetrators) {
    const k = asbPerpetratorKey(perpetrator);
    if (k) keys.push(k);
  }
  return unique(keys);
}

const DaReferral = z.object({
  victim: z.object({ name: z.string(), dateOfBirth: z.string().optional() }),
  perpetrator: z.object({ name: z.string(), dateOfBirth: z.string().optional() }),
});

/**
 * The keys of a domestic-abuse referral: the victim, the perpetrator, and the pair, which is what
 * the MARAC repeat rule is about (the same victim and perpetrator within 12 months).
 */
export function daReferralKeys(data: unknown): RepeatKey[] {
  const parsed = DaReferral.safeParse(data);
  if (!parsed.success || isErased(parsed.data.victim.name) || isErased(parsed.data.perpetrator.name)) return [];
  const victim = personValue(parsed.data.victim.name, parsed.data.victim.dateOfBirth);
  const perpetrator = personValue(parsed.data.perpetrator.name, parsed.data.perpetrator.dateOfBirth);
  return [key('da-victim', victim), key('da-perpetrator', perpetrator), key('da-pair', `${victim}\u0000${perpetrator}`)];
}

function unique(keys: RepeatKey[]): RepeatKey[] {
  return [...new Map(keys.map((k) => [`${k.kind}:${k.hash}`, k])).values()];
}
