import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { eventually, freePort } from './processes';

/**
 * A redis-server of the test's own (a child process on its own port, nothing saved to disk), for
 * tests that stop, restart or flush Redis: the machine's shared one is never touched.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again); without persistence, a restarted server starts empty. */
  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    this.child = child;
    const up = await eventually(async () => (await this.command(['PING'])) === 'PONG', 30_000);
    if (!up) throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Kills the server, as a crash would; clients see their connections drop. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async flushAll(): Promise<void> {
    await this.command(['FLUSHALL']);
  }

  private async command(args: string[]): Promise<unknown> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(args[0]!, ...args.slice(1));
    } finally {
      client.disconnect();
    }
  }
}
