import { AuditPack } from './audit-pack';

const COLUMNS = [
  'record',
  'revision',
  'at',
  'recorded_at',
  'type',
  'description',
  'actor_id',
  'actor_role',
  'actor_agency',
  'reason',
  'previous_hash',
  'hash',
  'recomputed_hash',
  'linked',
  'state_after',
  'endpoint',
] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number | boolean | null>>;

/**
 * The pack as one CSV table (RFC 4180, CRLF): a `verification` row, one `event` row per event
 * with its state after and its link in the chain, then one `read` row per access-log entry.
 */
export function auditPackCsv(pack: AuditPack): string {
  const { verification } = pack;
  const rows: Row[] = [
    {
      record: 'verification',
      revision: pack.revision,
      at: pack.generatedAt,
      type: pack.caseType,
      description: verification.intact
        ? `Hash chain intact over ${pack.events.length} events of ${pack.caseId}`
        : `Hash chain BROKEN at revision ${verification.firstBreak!.revision}: ${verification.firstBreak!.kind} — ${verification.firstBreak!.detail}`,
      actor_id: pack.generatedBy.id,
      actor_role: pack.generatedBy.role,
      actor_agency: pack.generatedBy.agency,
      hash: verification.headHash,
      linked: verification.intact,
    },
    ...pack.events.map(
      (e): Row => ({
        record: 'event',
        revision: e.revision,
        at: e.occurredAt,
        recorded_at: e.recordedAt,
        type: e.type,
        description: e.description,
        actor_id: e.actor.id,
        actor_role: e.actor.role,
        actor_agency: e.actor.agency,
        reason: e.reason,
        previous_hash: e.chain.previousHash,
        hash: e.chain.hash,
        recomputed_hash: e.chain.recomputedHash,
        linked: e.chain.linked,
        state_after: e.stateError ?? JSON.stringify(e.stateAfter),
      }),
    ),
    ...pack.accessLog.map(
      (r): Row => ({
        record: 'read',
        at: r.at,
        description: `Read by ${r.userId} (${r.role}, ${r.agency})`,
        actor_id: r.userId,
        actor_role: r.role,
        actor_agency: r.agency,
        endpoint: r.endpoint,
      }),
    ),
  ];
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
}

/**
 * Quoted when needed; a text cell starting with = + - @ (or a tab or CR) is prefixed with an
 * apostrophe, so a spreadsheet shows free text instead of running it as a formula.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
