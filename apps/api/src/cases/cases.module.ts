import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { CasetrailConfig } from '@casetrail/shared';
import { CaseTypeDefinition, loadBankHolidays, loadPolicyDirectory } from '@casetrail/workflow';
import { FailedJobsController } from '../admin/failed-jobs.controller';
import { FailedJobsView } from '../admin/failed-jobs.service';
import { AccessLogController } from '../audit/access-log.controller';
import { GetAuditPackHandler, GetCaseDiffHandler } from '../audit/audit.queries';
import { CaseAuditController } from '../audit/case-audit.controller';
import { CaseAudit } from '../audit/case-audit.service';
import { CLOCK, systemClock } from '../clock';
import { DocsController } from '../docs/docs.controller';
import { ReadModels } from '../read-model/read-models.service';
import { PartnershipReportController } from '../reports/partnership-report.controller';
import { PartnershipReports } from '../reports/partnership-report.service';
import { CaseloadsView } from '../queues/caseloads.service';
import { EscalationQueue } from '../queues/escalation-queue.service';
import { QueuesController } from '../queues/queues.controller';
import { CaseCounts } from '../stats/case-counts.service';
import { StatsController } from '../stats/stats.controller';
import { AccessLog } from './access-log.service';
import { CaseCommands } from './case-commands.service';
import { CaseList } from './case-list.service';
import { CaseQueries } from './case-queries.service';
import { CASE_RUNTIME, CaseRuntime } from './case-runtime';
import { CASE_DEFINITIONS, CaseTypes } from './case-types';
import { CasesController } from './cases.controller';
import { OpenCaseHandler } from './commands/open-case.command';
import { SendCaseCommandHandler } from './commands/send-case-command.command';
import { Idempotency } from './idempotency.service';
import { RepeatMatches } from './repeat-matches.service';
import { GetCaseHandler, GetCaseHistoryHandler, ListCasesHandler } from './queries/case.queries';

/** Cases over HTTP: commands through the CommandBus, reads through the QueryBus. */
@Module({})
export class CasesModule {
  static forRoot(config: CasetrailConfig, definitions: CaseTypeDefinition[]): DynamicModule {
    return {
      module: CasesModule,
      imports: [CqrsModule],
      controllers: [CasesController, AccessLogController, DocsController, FailedJobsController, PartnershipReportController, QueuesController, StatsController, CaseAuditController],
      providers: [
        { provide: CASE_DEFINITIONS, useValue: definitions },
        { provide: CLOCK, useValue: systemClock },
        {
          provide: CASE_RUNTIME,
          // Invalid policy stops start-up with the file and field path (PolicyFileError).
          useFactory: (): CaseRuntime => {
            const dir = config.CASETRAIL_POLICY_DIR ?? 'policy';
            return {
              policy: loadPolicyDirectory(dir, definitions.map((d) => d.policy)),
              calendar: loadBankHolidays(join(dir, 'bank-holidays', 'england-and-wales.json')),
            };
          },
        },
        CaseTypes,
        CaseCommands,
        CaseQueries,
        CaseList,
        AccessLog,
        Idempotency,
        ReadModels,
        OpenCaseHandler,
        SendCaseCommandHandler,
        GetCaseHandler,
        GetCaseHistoryHandler,
        ListCasesHandler,
        CaseAudit,
        GetCaseDiffHandler,
        GetAuditPackHandler,
        FailedJobsView,
        PartnershipReports,
        EscalationQueue,
        CaseloadsView,
        CaseCounts,
        RepeatMatches,
      ],
      exports: [ReadModels],
    };
  }
}
