import type { CliCommand } from './index';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Run the event store schema migrations (safe to repeat)',
  async run(_args, { store, out }) {
    // The CLI runs init() before every command; this command exists to do only that.
    out(`migrations applied (${store.adapter}); head position ${await store.headPosition()}`);
    return 0;
  },
};
