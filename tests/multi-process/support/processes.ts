import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..', '..');
/** Hang guard for a process to come up: generous, since four start at once on a 2-core machine. */
const START_TIMEOUT_MS = 90_000;

export interface RunningProcess {
  kind: 'api' | 'worker';
  child: ChildProcess;
  pid: number;
  /** The API's base URL; undefined for a worker. */
  url?: string;
  /** The last of its output, for a failure message. */
  output(): string;
  /** Resolves with the exit code or signal once it has exited. */
  exited: Promise<string>;
}

/** A TCP port free right now on 127.0.0.1 (config refuses PORT=0, so the test picks one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * `npm start` or `npm run start:worker` as they ship (node -r @swc-node/register apps/<kind>/src/main.ts),
 * with `env` on top of this process's environment. Resolves once the API answers /health/ready
 * with 200, or once the worker logs that it is ready.
 */
export async function startProcess(kind: 'api' | 'worker', env: Record<string, string>, preload: string[] = []): Promise<RunningProcess> {
  const port = kind === 'api' ? await freePort() : undefined;
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', ...preload.flatMap((file) => ['-r', file]), join(ROOT, 'apps', kind, 'src', 'main.ts')],
    { cwd: ROOT, env: { ...process.env, ...env, ...(port ? { PORT: String(port), HOST: '127.0.0.1' } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  const running: RunningProcess = { kind, child, pid: child.pid!, output: () => output, exited, ...(port ? { url: `http://127.0.0.1:${port}` } : {}) };

  let gone: string | undefined;
  void exited.then((how) => (gone = how));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`${kind} exited (${gone}) before it was ready:\n${output}`);
    if (kind === 'worker' ? output.includes('Casetrail worker ready') : await answersReady(running.url!)) return running;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${kind} was not ready within ${START_TIMEOUT_MS} ms:\n${output}`);
}

async function answersReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it is gone. */
export async function stopProcess(running: RunningProcess, graceMs = 10_000): Promise<string> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return running.exited;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMs);
  const how = await running.exited;
  clearTimeout(timer);
  return how;
}

/** Polls `probe` until it returns true; false if it never did within `timeoutMs` (a hang guard, not a speed check). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000, everyMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > until) return false;
    await sleep(everyMs);
  }
}
