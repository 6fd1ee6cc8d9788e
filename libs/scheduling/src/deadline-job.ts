import { z } from 'zod';
import { nameBasedUuid } from '@casetrail/workflow';

/** The data of an `expire-deadline` job, checked before anything acts on it. */
export const DeadlineJobData = z.strictObject({
  caseId: z.string().min(1).max(200),
  deadlineId: z.string().min(1).max(400),
  dueAt: z.iso.datetime({ offset: true }),
  revision: z.number().int().min(0),
});
export type DeadlineJobData = z.infer<typeof DeadlineJobData>;

/**
 * `<deadlineId>@<revision>`, with `%` and `:` percent-encoded: BullMQ refuses `:` in a custom job
 * id (it separates the parts of its Redis keys). The same deadline armed by the same
 * DeadlineScheduled event always gives the same id, so arming it twice adds one job.
 */
export function deadlineJobId(deadlineId: string, revision: number): string {
  return `${deadlineId.replace(/%/g, '%25').replace(/:/g, '%3A')}@${revision}`;
}

/** The revision part of a job id made by deadlineJobId, or undefined for any other id. */
export function revisionOfJobId(jobId: string): number | undefined {
  const match = /@(\d+)$/.exec(jobId);
  return match ? Number(match[1]) : undefined;
}

/** Never change: a retried job must send the same command id as its first attempt. */
const EXPIRE_DEADLINE_NAMESPACE = '3d8f0a6e-5c1b-4e2f-9a7d-6b4c2e1f0a93';

/**
 * The ExpireDeadline command's id for a job: every attempt of the job, on any worker or after a
 * reconcile re-added it, sends the same command, which the store writes at most once.
 */
export function expireCommandId(jobId: string): string {
  return nameBasedUuid(EXPIRE_DEADLINE_NAMESPACE, `expire-deadline/${jobId}`);
}

/** The command id of a sweep's command for a case at a revision: concurrent sweeps send one. */
export function sweepCommandId(caseId: string, commandType: string, revision: number): string {
  return nameBasedUuid(EXPIRE_DEADLINE_NAMESPACE, `sweep/${caseId}/${commandType}/${revision}`);
}
