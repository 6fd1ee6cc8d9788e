import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface RunnerChild {
  process: ChildProcess;
  /** Resolves with the first stdout line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code and everything printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `node -r @swc-node/register runner-process.ts` with the fixture's settings. */
export function spawnRunner(env: Record<string, string>): RunnerChild {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'runner-process.ts')], {
    cwd: ROOT,
    env: { ...process.env, CASETRAIL_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const w of [...waiters]) {
      const found = stdout.split('\n').find((l) => w.pattern.test(l));
      if (found) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    process: child,
    exited,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const found = stdout.split('\n').find((l) => pattern.test(l));
        if (found) return resolve(found);
        waiters.push({ pattern, resolve });
        void exited.then(({ code, stderr: err }) => reject(new Error(`runner exited (${code}) before printing ${pattern}: ${err}`)));
      }),
  };
}
