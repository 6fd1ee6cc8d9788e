import { dateText } from '../history/wording';
import { AuditPack } from './audit-pack';

/**
 * The pack as one printable HTML page for a court or an ombudsman: no scripts (the page's own
 * Content-Security-Policy forbids them), no external resources, print CSS for A4, and every value
 * escaped. Times are shown as recorded (ISO, with their offset) so nothing is lost in conversion.
 */
export function auditPackHtml(pack: AuditPack): string {
  const { verification } = pack;
  const verdict = verification.intact
    ? `The hash chain is intact: each of the ${pack.events.length} events links to the one before it, and each recomputed hash equals the recorded one.`
    : `The hash chain is BROKEN at revision ${verification.firstBreak!.revision} (${verification.firstBreak!.kind}): ${verification.firstBreak!.detail}. Events from there on cannot be relied on as recorded.`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Audit pack: ${esc(pack.caseId)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Audit pack</h1>
<dl>
<dt>Case</dt><dd><code>${esc(pack.caseId)}</code> (${esc(pack.caseType)}), ${pack.events.length} events, revision ${pack.revision}</dd>
<dt>Generated</dt><dd>${esc(pack.generatedAt)} (${esc(dateText(pack.generatedAt))}) by ${esc(pack.generatedBy.id)} (${esc(pack.generatedBy.role)}, ${esc(pack.generatedBy.agency)})</dd>
</dl>
</header>
<section class="verdict ${verification.intact ? 'intact' : 'broken'}">
<h2>Tamper evidence</h2>
<p>${esc(verdict)}</p>
<p>Last hash: <code>${esc(verification.headHash ?? 'none')}</code></p>
<p class="small">Method: ${esc(verification.method)}. Genesis value: <code>${esc(verification.genesisHash)}</code>.</p>
</section>
<section>
<h2>History</h2>
<table>
<thead><tr><th>Rev.</th><th>Occurred</th><th>Recorded</th><th>What happened</th><th>By</th><th>Reason given</th></tr></thead>
<tbody>
${pack.events
  .map(
    (e) =>
      `<tr><td>${e.revision}</td><td>${esc(e.occurredAt)}</td><td>${esc(e.recordedAt)}</td><td>${esc(e.description)}<br><span class="small">${esc(e.type)}</span></td>` +
      `<td>${esc(e.actor.id)}<br><span class="small">${esc(e.actor.role)}, ${esc(e.actor.agency)}</span></td><td>${esc(e.reason ?? '')}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>
<section>
<h2>Access log</h2>
${
  pack.accessLog.length === 0
    ? '<p>No reads recorded. Reads are recorded for restricted cases only.</p>'
    : `<table>
<thead><tr><th>At</th><th>Who</th><th>Through</th></tr></thead>
<tbody>
${pack.accessLog.map((r) => `<tr><td>${esc(r.at)}</td><td>${esc(r.userId)} (${esc(r.role)}, ${esc(r.agency)})</td><td>${esc(r.endpoint)}</td></tr>`).join('\n')}
</tbody>
</table>`
}
</section>
<section>
<h2>Hash chain</h2>
<table class="hashes">
<thead><tr><th>Rev.</th><th>Event id</th><th>Previous hash (recorded)</th><th>Hash (recorded)</th><th>Linked</th></tr></thead>
<tbody>
${pack.events
  .map(
    (e) =>
      `<tr class="${e.chain.linked ? '' : 'bad'}"><td>${e.revision}</td><td><code>${esc(e.eventId)}</code></td><td><code>${esc(e.chain.previousHash ?? 'none')}</code></td>` +
      `<td><code>${esc(e.chain.hash ?? 'none')}</code>${e.chain.linked ? '' : `<br>recomputed: <code>${esc(e.chain.recomputedHash)}</code>`}</td><td>${e.chain.linked ? 'yes' : 'NO'}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>
<section class="states">
<h2>State after each event</h2>
${pack.events
  .map((e) => `<article><h3>Revision ${e.revision}: ${esc(e.type)}</h3><pre>${esc(e.stateError ?? JSON.stringify(e.stateAfter, null, 2))}</pre></article>`)
  .join('\n')}
</section>
</body>
</html>
`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body { font: 10.5pt/1.4 Georgia, "Times New Roman", serif; color: #000; margin: 2em; }
h1 { font-size: 18pt; margin: 0 0 .5em; } h2 { font-size: 13pt; border-bottom: 1px solid #000; margin-top: 1.5em; } h3 { font-size: 11pt; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; } dt { font-weight: bold; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #777; padding: .25em .4em; text-align: left; vertical-align: top; }
thead { display: table-header-group; } tr, article { break-inside: avoid; page-break-inside: avoid; }
code, pre { font: 8.5pt/1.3 "DejaVu Sans Mono", Consolas, monospace; word-break: break-all; } pre { white-space: pre-wrap; margin: 0; }
.small { font-size: 8.5pt; color: #333; } .hashes td { font-size: 8pt; }
.verdict { padding: .5em 1em; border: 2px solid #000; } .verdict.broken, tr.bad { background: #fdd; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; } .states { break-before: page; page-break-before: always; } a { color: #000; text-decoration: none; } }
`;
