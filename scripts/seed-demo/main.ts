/**
 * `npm run seed:demo [-- --cases N]`: a borough-year of demo cases, through the command path, into
 * the store the configuration names (by default ./data/casetrail.db). Refuses a store that already
 * holds events. Then `npm start` and sign in at http://localhost:3000/.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { readConfigOrExit } from '@casetrail/shared';
import { BOROUGH_YEAR_CASES } from './demo-year';
import { seedDemo, StoreNotEmptyError } from './seed-demo';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { cases: { type: 'string' } } });
  const cases = values.cases === undefined ? undefined : Number(values.cases);
  if (cases !== undefined && !(Number.isInteger(cases) && cases >= 4 && cases <= 100_000)) {
    process.stderr.write('--cases must be a whole number from 4 to 100000 (default: the borough-year, 370 cases)\n');
    return 64;
  }
  const config = readConfigOrExit(process.env);
  const started = Date.now();
  process.stdout.write(`[seed:demo] seeding ${cases ?? BOROUGH_YEAR_CASES} cases through the command path...\n`);
  try {
    const summary = await seedDemo(config, { cases, log: (line) => process.stdout.write(`${line}\n`) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`[seed:demo] ${summary.commands} commands, cases ${JSON.stringify(summary.cases)}, opened ${summary.openedFrom.slice(0, 10)} to ${summary.openedTo.slice(0, 10)}, in ${seconds} s\n`);
    if (Object.keys(summary.refused).length > 0) process.stdout.write(`[seed:demo] refused by the rules (skipped): ${JSON.stringify(summary.refused)}\n`);
    process.stdout.write('[seed:demo] done: `npm start`, then open http://localhost:3000/ (missed deadlines fire at start-up and fill the escalation queue)\n');
    return 0;
  } catch (error) {
    if (error instanceof StoreNotEmptyError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
