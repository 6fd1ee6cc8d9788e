/**
 * The multi-process suite runs a second time with the events in KurrentDB when CASETRAIL_ESDB_URL
 * names a server (`npm run test:esdb`). No server can run on the project's machines and none is
 * faked: without the variable that half reports as skipped, and fails under test:esdb.
 */
export const esdbUrl = (): string | undefined => process.env.CASETRAIL_ESDB_URL || undefined;

const REASON = 'CASETRAIL_ESDB_URL is not set: no KurrentDB server runs on this machine; run `npm run test:esdb` against one';

export function describeWithKurrentDb(name: string, body: () => void): void {
  if (esdbUrl()) describe(name, body);
  else if (process.env.CASETRAIL_REQUIRE_ESDB === '1') {
    describe(name, () => {
      it('needs CASETRAIL_ESDB_URL (npm run test:esdb requires a KurrentDB server)', () => {
        throw new Error(REASON);
      });
    });
  } else describe.skip(`${name} [skipped: ${REASON}]`, body);
}
