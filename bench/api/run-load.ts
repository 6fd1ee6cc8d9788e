import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadResult, LoadSpec } from './load.child';

/**
 * Runs one autocannon load in a child process, so the generator does not share the server's event
 * loop. The child gets only the TypeScript loader: no profiler or heap flags of this process.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load.child.ts'), { stdio: 'inherit', execArgv: ['-r', '@swc-node/register'] });
    let result: LoadResult | undefined;
    child.on('message', (m) => (result = m as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`load generator exited with ${code}`))));
    child.send(spec);
  });
}
