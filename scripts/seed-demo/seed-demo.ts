import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { createEventStore, EVENT_STORE, EventStore } from '@casetrail/event-store';
import { CasetrailConfig } from '@casetrail/shared';
import { DomainRuleError, nameBasedUuid } from '@casetrail/workflow';
import { ApiModule } from '../../apps/api/src/api.module';
import { CommandSource } from '../../apps/api/src/cases/case-commands.service';
import { OpenCaseCommand } from '../../apps/api/src/cases/commands/open-case.command';
import { SendCaseCommand } from '../../apps/api/src/cases/commands/send-case-command.command';
import { EmbeddedDeadlinesHost } from '../../apps/api/src/deadlines/embedded-deadlines.host';
import { ReadModels } from '../../apps/api/src/read-model/read-models.service';
import { PlannedCase, planDemoYear } from './demo-year';

/** Every command id and correlation id of the demo derives from this and the case's place in the plan. */
const SEED_NAMESPACE = '5eed0de0-7c1a-4c2b-8a4e-3f1d2b6c9e70';

export class StoreNotEmptyError extends Error {
  constructor(where: string, position: number) {
    super(`seed:demo refused: the event store (${where}) already holds events (head position ${position}). Demo data goes into an empty store: set CASETRAIL_SQLITE_PATH to a new file, or remove this one.`);
    this.name = 'StoreNotEmptyError';
  }
}

export interface SeedSummary {
  cases: Record<string, number>;
  commands: number;
  /** Commands the case's rules refused (skipped, as a person would have been told no), by type and code. */
  refused: Record<string, number>;
  openedFrom: string;
  openedTo: string;
}

/**
 * Seeds a borough-year through the application's own command path: the API module in an
 * application context, OpenCaseCommand and SendCaseCommand on its CommandBus, with the same
 * authorisation, validation, deciders, encryption and optimistic concurrency as an HTTP request.
 * Each command carries its own time (CommandSource.occurredAt). The deadline scheduler is stopped
 * while seeding, so no deadline fires out of the year's order; the next start of the API (or
 * worker) fires the ones that fell due, as after any downtime, and the queue fills.
 */
export async function seedDemo(config: CasetrailConfig, options: { now?: Date; cases?: number; log?: (line: string) => void } = {}): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  // Checked before the application starts: its scheduler would fire a non-empty store's missed deadlines.
  const probe = createEventStore(config);
  await probe.init();
  const head = await probe.headPosition().finally(() => probe.close());
  if (head > 0) throw new StoreNotEmptyError(config.CASETRAIL_STORE === 'sqlite' ? config.CASETRAIL_SQLITE_PATH : config.CASETRAIL_STORE, head);
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), { logger: false });
  try {
    await stopDeadlines(app);
    const store = app.get<EventStore>(EVENT_STORE, { strict: false });
    const plan = planDemoYear(now, options.cases);
    const bus = app.get(CommandBus);
    const summary: SeedSummary = { cases: {}, commands: 0, refused: {}, openedFrom: plan.map((c) => c.steps[0]!.at).sort()[0]!, openedTo: plan.map((c) => c.steps[0]!.at).sort().at(-1)! };
    for (const [index, planned] of plan.entries()) {
      await seedCase(bus, planned, index, summary);
      summary.cases[planned.caseType] = (summary.cases[planned.caseType] ?? 0) + 1;
      if ((index + 1) % 50 === 0) log(`[seed:demo] ${index + 1} of ${plan.length} cases`);
    }
    // The read models (lists, dashboard, queue) catch up before the process ends.
    await app.get(ReadModels, { strict: false }).waitFor(await store.headPosition(), 120_000);
    return summary;
  } finally {
    await app.close();
  }
}

async function seedCase(bus: CommandBus, planned: PlannedCase, index: number, summary: SeedSummary): Promise<void> {
  const correlationId = nameBasedUuid(SEED_NAMESPACE, `case/${index}`);
  const source = (step: number, at: string): CommandSource => ({
    principal: planned.actor,
    commandId: nameBasedUuid(SEED_NAMESPACE, `case/${index}/command/${step}`),
    correlationId,
    occurredAt: at,
  });
  const [open, ...rest] = planned.steps;
  const opened = await bus.execute(new OpenCaseCommand(source(0, open!.at), planned.caseType, open!.data));
  summary.commands += 1;
  let revision = opened.revision;
  for (const [n, step] of rest.entries()) {
    try {
      const outcome = await bus.execute(new SendCaseCommand(source(n + 1, step.at), opened.caseId, { type: step.type, data: step.data }, revision));
      revision = outcome.revision;
      summary.commands += 1;
    } catch (error) {
      // A rule's refusal is skipped and counted, as the scale generator does; anything else (bad data included) stops the seed.
      if (!(error instanceof DomainRuleError)) throw new Error(`${planned.caseType} case ${index}, ${step.type}: ${error instanceof Error ? error.message : String(error)}`);
      const key = `${planned.caseType} ${step.type}: ${error.code}`;
      summary.refused[key] = (summary.refused[key] ?? 0) + 1;
    }
  }
}

async function stopDeadlines(app: INestApplicationContext): Promise<void> {
  let host: EmbeddedDeadlinesHost;
  try {
    host = app.get(EmbeddedDeadlinesHost, { strict: false });
  } catch {
    return; // With Redis, the worker fires deadlines; this process schedules none.
  }
  await host.deadlines.stop();
}
