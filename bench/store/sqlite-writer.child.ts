/**
 * One writer process of the "8 processes on one SQLite file" scenarios. Opens its own adapter
 * store and its own raw connection on the file, plans its appends when told, runs them on `go`.
 * Started by sqlite-processes.ts with the parent's execArgv (so @swc-node/register is loaded).
 */
import { SqliteEventStore } from '@casetrail/event-store';
import { openRawSqlite, rawSqliteAppender } from './sqlite-raw';
import { expectedRevisionOf, planWriter, PlannedAppend, startTiming } from './workload';
import type { ChildMessage, ParentMessage } from './sqlite-processes';

const dbPath = process.argv[2]!;
const store = new SqliteEventStore({ path: dbPath });
const raw = openRawSqlite(dbPath);
const rawAppend = rawSqliteAppender(raw);
let plan: PlannedAppend[] = [];
let side: 'raw' | 'adapter' = 'raw';

const send = (message: ChildMessage) => process.send!(message);

async function handle(message: ParentMessage): Promise<void> {
  switch (message.cmd) {
    case 'plan':
      side = message.side;
      plan = planWriter(message.prefix, message.appends, message.eventsPerAppend);
      send({ type: 'planned' });
      return;
    case 'go': {
      const stop = startTiming();
      let busyRetries = 0;
      for (const planned of plan) {
        // SQLITE_BUSY after busy_timeout (5 s): this process lost the lock race that long. Nothing
        // was written (BEGIN IMMEDIATE failed), so the same append is retried, and counted.
        for (;;) {
          try {
            if (side === 'raw') rawAppend(planned);
            else await store.append(planned.streamId, planned.events, expectedRevisionOf(planned));
            break;
          } catch (error) {
            if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
            busyRetries++;
          }
        }
      }
      send({ type: 'done', ...stop(), busyRetries });
      plan = [];
      return;
    }
    case 'exit':
      await store.close();
      raw.close();
      process.disconnect();
      return;
  }
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  });
});
send({ type: 'ready' });
