import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import { asbReportKeys, daReferralKeys, findRepeatMatches, REPEAT_INDEX_PROJECTION, RepeatIndexMatch, RepeatKey, RepeatKeyKind } from '@casetrail/projections';
import { loadCase } from '@casetrail/workflow';
import { canSeeCase } from '../auth/access-policy';
import { Principal } from '../auth/principal';
import { DATABASE } from '../persistence/database.module';
import { ReadModels } from '../read-model/read-models.service';
import { accessFacts } from './case-access';
import { CaseTypes } from './case-types';

/** An earlier case shown at intake, and what it shares with the new one. */
export interface IntakeRepeatMatch {
  caseId: string;
  matchedOn: 'victim' | 'location' | 'perpetrator' | 'victim-and-perpetrator';
}

export interface IntakeWithRepeats {
  /** The open command's data, with what the repeat index adds (ASB `repeatOf`, DA `lastMaracReferralDate`). */
  data: unknown;
  /** Earlier cases the caller may see. */
  matches: IntakeRepeatMatch[];
}

const SHOWN_AS: Record<RepeatKeyKind, IntakeRepeatMatch['matchedOn']> = {
  victim: 'victim',
  location: 'location',
  perpetrator: 'perpetrator',
  'da-victim': 'victim',
  'da-perpetrator': 'perpetrator',
  'da-pair': 'victim-and-perpetrator',
};

/** How long intake waits for the repeat index to hold every case recorded so far. */
const CATCH_UP_MS = 2000;
/** ReportAsb accepts at most this many repeat matches; intake shows (and loads) at most this many cases. */
const MAX_REPEAT_OF = 50;

/**
 * Repeat detection at intake (DOMAIN.md: the same victim, address or perpetrator seen again is
 * flagged when a case is opened). Looks the new case's hashed keys up in the repeat index.
 */
@Injectable()
export class RepeatMatches {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly caseTypes: CaseTypes,
    private readonly readModels: ReadModels,
  ) {}

  async forIntake(principal: Principal, caseType: string, caseId: string, data: unknown): Promise<IntakeWithRepeats> {
    switch (caseType) {
      case 'asb':
        return this.asbIntake(principal, caseId, data as Record<string, unknown>);
      case 'da-referral':
        return this.daIntake(principal, caseId, data as Record<string, unknown>);
      default:
        return { data, matches: [] };
    }
  }

  private async asbIntake(principal: Principal, caseId: string, data: Record<string, unknown>): Promise<IntakeWithRepeats> {
    const found = await this.earlierCases(asbReportKeys(data), 'asb', caseId);
    const seen = await this.withVisibility(principal, found);
    const matches = seen.filter((m) => m.visible).flatMap(flatten);
    // What is stored in the new case outlives this caller's permissions: never a restricted case.
    const stored = seen.filter((m) => !m.restricted).flatMap(flatten);
    const given = Array.isArray(data.repeatOf) ? (data.repeatOf as IntakeRepeatMatch[]) : [];
    const repeatOf = uniqueMatches([...given, ...stored]).slice(0, MAX_REPEAT_OF);
    return { data: repeatOf.length > 0 ? { ...data, repeatOf } : data, matches };
  }

  private async daIntake(principal: Principal, caseId: string, data: Record<string, unknown>): Promise<IntakeWithRepeats> {
    const found = await this.earlierCases(daReferralKeys(data), 'da-referral', caseId);
    // The MARAC repeat rule needs the last referral of this victim and perpetrator, seen by this caller or not.
    const dates = [data.lastMaracReferralDate, ...found.map((m) => m.maracReferredOn)].filter((d): d is string => typeof d === 'string');
    const last = dates.sort().at(-1);
    const matches = (await this.withVisibility(principal, found)).filter((m) => m.visible).flatMap(flatten);
    return { data: last ? { ...data, lastMaracReferralDate: last } : data, matches };
  }

  private async earlierCases(keys: RepeatKey[], caseType: string, caseId: string): Promise<RepeatIndexMatch[]> {
    if (keys.length === 0) return [];
    // Every case recorded before this one should be in the index; if it lags, match what it holds.
    await this.readModels.waitFor(await this.store.headPosition(), CATCH_UP_MS, [REPEAT_INDEX_PROJECTION]);
    const found = await findRepeatMatches(this.db, keys);
    return found.filter((m) => m.caseType === caseType && m.caseId !== caseId);
  }

  /** Visibility from each case as it is now (restricted, agencies), as a read of it would decide; the latest cases only. */
  private async withVisibility(principal: Principal, found: RepeatIndexMatch[]) {
    return Promise.all(
      found.slice(-MAX_REPEAT_OF).map(async (match) => {
        const definition = this.caseTypes.forCase(match.caseId);
        if (!definition) return { ...match, visible: false, restricted: true };
        const { state } = await loadCase(this.store, definition, match.caseId);
        const facts = accessFacts(definition, definition.summarise(state));
        return { ...match, visible: canSeeCase(principal, facts), restricted: facts.restricted };
      }),
    );
  }
}

function flatten(match: RepeatIndexMatch): IntakeRepeatMatch[] {
  return uniqueMatches(match.matchedOn.map((kind) => ({ caseId: match.caseId, matchedOn: SHOWN_AS[kind] })));
}

function uniqueMatches(matches: IntakeRepeatMatch[]): IntakeRepeatMatch[] {
  return [...new Map(matches.map((m) => [`${m.caseId} ${m.matchedOn}`, m])).values()];
}
