import { ASB_DESCRIBERS } from './describers/asb.describers';
import { COMMUNITY_TRIGGER_DESCRIBERS } from './describers/community-trigger.describers';
import { CPW_CPN_DESCRIBERS } from './describers/cpw-cpn.describers';
import { DA_REFERRAL_DESCRIBERS } from './describers/da-referral.describers';

type AnyDescriber = (data: unknown, who: string) => string;

/** By case type, then event type. Each table is checked complete against its event schemas. */
const DESCRIBERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  asb: ASB_DESCRIBERS,
  'cpw-cpn': CPW_CPN_DESCRIBERS,
  'community-trigger': COMMUNITY_TRIGGER_DESCRIBERS,
  'da-referral': DA_REFERRAL_DESCRIBERS,
};

export interface EventToDescribe {
  type: string;
  data: unknown;
  metadata: { actorId: string; agency: string };
}

export interface EventDescription {
  description: string;
  /** False when the generic sentence was used: no describer for the type, or data it could not read. */
  specific: boolean;
}

/** The actor as a timeline names them: `officer-7 (tmbc)`. */
export function actorText(metadata: { actorId: string; agency: string }): string {
  return `${metadata.actorId} (${metadata.agency})`;
}

export function hasSpecificDescription(caseType: string, eventType: string): boolean {
  return typeof DESCRIBERS[caseType]?.[eventType] === 'function';
}

/**
 * One plain-English sentence for an event (upcast to its current version). An event type this
 * release does not know, or data a describer cannot read (an event tampered with, say), gets a
 * generic sentence rather than failing the whole history.
 */
export function describeEvent(caseType: string, event: EventToDescribe): EventDescription {
  const who = actorText(event.metadata);
  const describer = DESCRIBERS[caseType]?.[event.type];
  if (typeof describer === 'function') {
    try {
      return { description: (describer as AnyDescriber)(event.data, who), specific: true };
    } catch {
      // Fall through: an unreadable event is still shown, with its type and actor.
    }
  }
  return { description: `${typeAsWords(event.type)}, recorded by ${who}`, specific: false };
}

/** `PccAppealLodged` -> `Pcc appeal lodged`. */
function typeAsWords(type: string): string {
  const spaced = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
