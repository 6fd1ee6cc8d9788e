import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every log line the apps under test write, in one directory per test run: the in-process APIs
 * (startTestApi) and the API processes (startApiProcess). Global teardown scans them all for the
 * personal data the fixtures send (issue 10: no personal data in logs during a full test run).
 */
export const LOG_DIR_VARIABLE = 'CASETRAIL_TEST_LOG_DIR';

/** Made by global setup; the jest workers inherit it through the environment. */
export function startLogCapture(): string {
  const dir = process.env[LOG_DIR_VARIABLE] ?? join(tmpdir(), `casetrail-test-logs-${Date.now()}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env[LOG_DIR_VARIABLE] = dir;
  return dir;
}

let fd: number | undefined;

/** Appends log text (one or more lines) to this process's file; does nothing outside a jest run with global setup. */
export function captureLog(text: string): void {
  const dir = process.env[LOG_DIR_VARIABLE];
  if (!dir) return;
  fd ??= openSync(join(dir, `${process.pid}.log`), 'a');
  writeSync(fd, text.endsWith('\n') ? text : `${text}\n`);
}

process.once('exit', () => {
  if (fd !== undefined) closeSync(fd);
});

/**
 * Personal data the test fixtures and the year generator send (names, phone numbers, e-mail,
 * addresses, dates of birth), each specific enough never to occur in a log line by chance. The
 * year generator's names and addresses are fixed; only its dates of birth vary.
 */
export const FIXTURE_PERSONAL_DATA = [
  'Jane',
  'Acacia',
  '07700 900123',
  '07700 900461',
  '01632 960001',
  '1990-05-17',
  'Alex Morgan',
  'Alex Example',
  'Sam Okafor',
  'Sam Example',
  'Maria Example',
  'Jo Reid',
  'Pat Lee',
  'pat.lee@example.org',
  'Quiet Close',
  'Mill Lane',
  'Example Road',
  'Secretperp',
  'Secretvictim',
  'Philippa',
  'Nightingale',
  'Zebediah',
  'Ottoline',
  'Quillfeather',
  'Brackenbury',
  'Barnaby',
];

export interface LogScan {
  files: number;
  lines: number;
  /** Each value found, with the file and the line it was in. */
  found: { value: string; file: string; line: string }[];
}

export function scanCapturedLogs(dir: string, values: readonly string[] = FIXTURE_PERSONAL_DATA): LogScan {
  const scan: LogScan = { files: 0, lines: 0, found: [] };
  if (!existsSync(dir)) return scan;
  for (const name of readdirSync(dir)) {
    scan.files += 1;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line === '') continue;
      scan.lines += 1;
      for (const value of values) if (line.includes(value)) scan.found.push({ value, file: name, line: line.slice(0, 300) });
    }
  }
  return scan;
}

export function removeCapturedLogs(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
