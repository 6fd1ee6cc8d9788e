import { RecordedEvent } from '@casetrail/event-store';
import { CaseTypeDefinition, GENESIS_HASH } from '@casetrail/workflow';
import { ChainBreak } from '../hash-chain/chain-break';
import { chainLinks, ChainLink } from '../hash-chain/chain-proof';
import { verifyStreamChain } from '../hash-chain/stream-chain';
import { describeHistory, HistoryEntry } from '../history/case-history';
import { CaseRead } from '../history/timeline';
import { statesAfterEvents } from '../time-travel/states-after-events';

export interface AuditPackEvent extends HistoryEntry {
  /** The case as the system knew it once this event was recorded; null when it could not be folded. */
  stateAfter: unknown;
  stateError: string | null;
  chain: ChainLink;
}

/** Everything an auditor, an ombudsman or a court needs to check one case's history on their own. */
export interface AuditPack {
  caseId: string;
  caseType: string;
  revision: number;
  generatedAt: string;
  generatedBy: { id: string; role: string; agency: string };
  verification: {
    intact: boolean;
    headHash: string | null;
    firstBreak: ChainBreak | null;
    /** How to recompute every hash (docs/audit.md). */
    method: string;
    genesisHash: string;
  };
  events: AuditPackEvent[];
  /** Every recorded read of the case (restricted cases only are logged). */
  accessLog: CaseRead[];
}

export interface AuditPackInput {
  caseId: string;
  definition: CaseTypeDefinition;
  /** The stream as stored: the chain is over these. */
  stored: readonly RecordedEvent[];
  /** The same events upcast to their current versions: described and folded. */
  upcast: readonly RecordedEvent[];
  reads: readonly CaseRead[];
  generatedAt: string;
  generatedBy: AuditPack['generatedBy'];
}

export const HASH_METHOD =
  'hash = hex(SHA-256(UTF-8(previousHash + canonicalJson({eventId, streamId, revision, type, schemaVersion, data, metadata less hash, previousHash and recordedAt})))); ' +
  'canonical JSON is RFC 8785 (keys sorted, no white space); the first event follows the genesis value';

export function buildAuditPack(input: AuditPackInput): AuditPack {
  const { caseId, definition, stored, upcast } = input;
  const verification = verifyStreamChain(caseId, stored);
  const links = new Map(chainLinks(stored).map((link) => [link.revision, link]));
  const states = statesAfterEvents(definition as CaseTypeDefinition<never, never, unknown>, upcast);
  const events = describeHistory(definition.caseType, upcast).map((entry, i): AuditPackEvent => {
    const step = states[i]!;
    return {
      ...entry,
      stateAfter: 'state' in step ? step.state : null,
      stateError: 'error' in step ? step.error : null,
      chain: links.get(entry.revision)!,
    };
  });
  return {
    caseId,
    caseType: definition.caseType,
    revision: upcast.at(-1)?.revision ?? -1,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    verification: {
      intact: verification.intact,
      headHash: verification.headHash,
      firstBreak: verification.firstBreak,
      method: HASH_METHOD,
      genesisHash: GENESIS_HASH,
    },
    events,
    accessLog: [...input.reads],
  };
}
