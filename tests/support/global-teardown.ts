import { LOG_DIR_VARIABLE, removeCapturedLogs, scanCapturedLogs } from './captured-logs';

/** Scans every log line the apps wrote during the run for the fixtures' personal data; fails the run on any. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env[LOG_DIR_VARIABLE];
  if (!dir) return;
  const scan = scanCapturedLogs(dir);
  if (scan.found.length > 0) {
    const shown = scan.found.slice(0, 20).map((f) => `  "${f.value}" in ${f.file}: ${f.line}`);
    throw new Error(`personal data reached the logs: ${scan.found.length} finding(s) in ${scan.lines} lines (kept in ${dir})\n${shown.join('\n')}`);
  }
  process.stderr.write(`\n[casetrail tests] log scan: ${scan.lines} log lines from ${scan.files} processes, no fixture personal data\n`);
  removeCapturedLogs(dir);
}
