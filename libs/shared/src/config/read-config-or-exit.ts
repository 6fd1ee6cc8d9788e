import { CasetrailConfig } from './config.schema';
import { ConfigError, loadConfig } from './load-config';

/** For entry points: a bad setting stops start-up with its one-line message and exit code 78 (EX_CONFIG). */
export function readConfigOrExit(env: Record<string, string | undefined>): CasetrailConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
