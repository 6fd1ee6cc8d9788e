import { parseArgs } from 'node:util';
import { StreamVerification, verifyStore } from '@casetrail/audit';
import type { CliCommand } from './index';

const USAGE = 'verify [--stream <id>] [--json]';
const EX_USAGE = 64;

// node's own errors fail `instanceof Error` under jest's sandbox, so read the message structurally.
const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);

/** `npm run cli -- verify`: recomputes the hash chains (ADR 0007) and names each stream's first break. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: USAGE,
  summary: "Recompute every stream's hash chain; report each stream's first broken link",
  async run(args, { store, out }) {
    let flags: { stream?: string; json?: boolean };
    try {
      flags = parseArgs({ args, options: { stream: { type: 'string' }, json: { type: 'boolean', default: false } } }).values;
    } catch (error) {
      out(`verify: ${messageOf(error)} Usage: ${USAGE}`);
      return EX_USAGE;
    }
    if (flags.stream !== undefined && (await store.readStream(flags.stream, { maxCount: 1 })).length === 0) {
      out(`verify: stream ${flags.stream} has no events`);
      return 1;
    }
    // --json: every stream's result, one line each, as the pass concludes it (the head hashes to
    // keep elsewhere, docs/audit.md). Text: the broken streams, or the one stream asked for.
    const show = (stream: StreamVerification) => {
      if (flags.json) out(JSON.stringify(stream));
      else if (flags.stream !== undefined || !stream.intact) out(streamLine(stream));
    };
    const result = await verifyStore(store, flags.stream !== undefined ? { streamId: flags.stream, onStream: show } : { onStream: show });
    if (!flags.json) {
      const streams = `${result.streamCount} stream${result.streamCount === 1 ? '' : 's'}`;
      out(
        result.broken.length === 0
          ? `verified ${result.events} events in ${streams}: every chain intact`
          : `verified ${result.events} events in ${streams}: ${result.broken.length} broken`,
      );
    }
    return result.broken.length === 0 ? 0 : 1;
  },
};

function streamLine(stream: StreamVerification): string {
  if (stream.intact) return `intact  ${stream.streamId}  ${stream.events} events, last hash ${stream.headHash ?? 'none'}`;
  const at = stream.firstBreak!;
  const event = at.eventId ? ` event ${at.eventId} (position ${at.position})` : '';
  return `BROKEN  ${stream.streamId}  revision ${at.revision}: ${at.kind}${event}: ${at.detail}`;
}
