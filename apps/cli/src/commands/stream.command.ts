import { parseArgs } from 'node:util';
import type { CliCommand } from './index';

export const streamCommand: CliCommand = {
  name: 'stream',
  usage: 'stream <streamId> [--from n] [--max n]',
  summary: "Print a stream's events, one JSON object per line",
  async run(args, { store, out }) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { from: { type: 'string' }, max: { type: 'string' } },
    });
    const streamId = positionals[0];
    if (!streamId) {
      out('stream: give a stream id, e.g. npm run cli -- stream asb-<uuid>');
      return 64;
    }
    const events = await store.readStream(streamId, {
      ...(values.from !== undefined ? { fromRevision: Number(values.from) } : {}),
      ...(values.max !== undefined ? { maxCount: Number(values.max) } : {}),
    });
    events.forEach((event) => out(JSON.stringify(event)));
    return 0;
  },
};
