import { parseArgs } from 'node:util';
import { BullmqDeadlineScheduler } from '@casetrail/scheduling';
import type { CliCommand } from './index';

const EX_USAGE = 64;
const EX_UNAVAILABLE = 69;
const USAGE = 'jobs failed [--limit n] | jobs retry <jobId>';

/**
 * `jobs failed`: deadline and sweep jobs that gave up, newest first, one JSON object per line.
 * `jobs retry <jobId>`: tries one again (reconcile also retries the job of any deadline still open).
 */
export const jobsCommand: CliCommand = {
  name: 'jobs',
  usage: USAGE,
  summary: 'List failed deadline jobs, or retry one (needs CASETRAIL_REDIS_URL)',
  async run(args, { config, out }) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string' } } });
    const [action, jobId] = positionals;
    if (action !== 'failed' && action !== 'retry') {
      out(`jobs: say what to do: ${USAGE}`);
      return EX_USAGE;
    }
    if (!config.CASETRAIL_REDIS_URL) {
      out('jobs: CASETRAIL_REDIS_URL is not set. Without Redis the API fires deadlines in its own process; see GET /api/admin/jobs/failed.');
      return EX_UNAVAILABLE;
    }
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      out('jobs: --limit must be a whole number from 1');
      return EX_USAGE;
    }
    const queue = new BullmqDeadlineScheduler({ url: config.CASETRAIL_REDIS_URL });
    try {
      if (action === 'failed') {
        (await queue.listFailed(limit)).forEach((job) => out(JSON.stringify(job)));
        return 0;
      }
      if (!jobId) {
        out('jobs retry: give the job id, as `jobs failed` prints it');
        return EX_USAGE;
      }
      const retried = await queue.retryFailed(jobId);
      out(retried ? `jobs: ${jobId} will be tried again` : `jobs: no failed job ${jobId}`);
      return retried ? 0 : 1;
    } finally {
      await queue.close();
    }
  },
};
