import { CasetrailConfig } from '@casetrail/shared';
import { EventStore } from '@casetrail/event-store';
import { jobsCommand } from './jobs.command';
import { migrateCommand } from './migrate.command';
import { projectionsCommand } from './projections.command';
import { replayCommand } from './replay.command';
import { reportCommand } from './report.command';
import { retentionCommand } from './retention.command';
import { streamCommand } from './stream.command';
import { tokenCommand } from './token.command';
import { verifyCommand } from './verify.command';

export interface CliContext {
  store: EventStore;
  config: CasetrailConfig;
  out(line: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[], context: CliContext): Promise<number>;
}

export const CLI_COMMANDS: CliCommand[] = [migrateCommand, streamCommand, tokenCommand, projectionsCommand, reportCommand, verifyCommand, replayCommand, jobsCommand, retentionCommand];
