import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { share, Timing } from './workload';

export type ParentMessage =
  | { cmd: 'plan'; side: 'raw' | 'adapter'; prefix: string; appends: number; eventsPerAppend: number }
  | { cmd: 'go' }
  | { cmd: 'exit' };

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'planned' }
  | { type: 'done'; seconds: number; cpuSeconds: number; busyRetries: number }
  | { type: 'error'; message: string };

/**
 * N writer processes, each with its own connections to one SQLite file. A run is timed in the
 * parent from `go` (sent once every child has planned its appends) to the last child's `done`.
 */
export class SqliteWriterProcesses {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(dbPath: string, count: number): Promise<SqliteWriterProcesses> {
    const children = Array.from({ length: count }, () =>
      fork(join(__dirname, 'sqlite-writer.child.ts'), [dbPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    const group = new SqliteWriterProcesses(children);
    await group.all('ready');
    return group;
  }

  /** Runs one side: the group's wall-clock seconds, and the CPU seconds its processes spent. */
  async run(side: 'raw' | 'adapter', prefix: string, appends: number, eventsPerAppend: number): Promise<Timing> {
    const planned = this.all('planned');
    this.children.forEach((child, i) =>
      this.send(child, { cmd: 'plan', side, prefix: `${prefix}-p${i}`, appends: share(appends, this.children.length, i), eventsPerAppend }),
    );
    await planned;
    let cpuSeconds = 0;
    let busyRetries = 0;
    const done = this.all('done', (message) => {
      if (message.type !== 'done') return;
      cpuSeconds += message.cpuSeconds;
      busyRetries += message.busyRetries;
    });
    const start = performance.now();
    this.children.forEach((child) => this.send(child, { cmd: 'go' }));
    await done;
    return { seconds: (performance.now() - start) / 1000, cpuSeconds, busyRetries };
  }

  async stop(): Promise<void> {
    const exited = Promise.all(
      this.children.map((child) =>
        child.exitCode !== null ? undefined : new Promise<void>((resolve) => child.once('exit', () => resolve())),
      ),
    );
    this.children.forEach((child) => child.connected && this.send(child, { cmd: 'exit' }));
    await exited;
  }

  private send(child: ChildProcess, message: ParentMessage): void {
    child.send(message);
  }

  /** Resolves when every child has sent a message of `type`; rejects on the first error or exit. */
  private all(type: ChildMessage['type'], onMessage?: (message: ChildMessage) => void): Promise<void> {
    return Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            const listener = (message: ChildMessage) => {
              if (message.type === type) {
                onMessage?.(message);
                finish(resolve);
              }
              if (message.type === 'error') finish(() => reject(new Error(`writer process failed: ${message.message}`)));
            };
            const onExit = (code: number | null) => finish(() => reject(new Error(`writer process exited (${code})`)));
            const finish = (then: () => void) => {
              child.off('message', listener);
              child.off('exit', onExit);
              then();
            };
            child.on('message', listener);
            child.on('exit', onExit);
          }),
      ),
    ).then(() => undefined);
  }
}
