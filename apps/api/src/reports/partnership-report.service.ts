import { Inject, Injectable } from '@nestjs/common';
import { CasetrailDatabase } from '@casetrail/persistence';
import { PARTNERSHIP_REPORT_PROJECTION, PartnershipReport, queryPartnershipReport, ReportPeriod } from '@casetrail/projections';

import { DATABASE } from '../persistence/database.module';
import { ReadModels } from '../read-model/read-models.service';

/** The partnership report from its read model, the same query the CLI's `report` runs. */
@Injectable()
export class PartnershipReports {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly readModels: ReadModels,
  ) {}

  /** With `consistentWith`, waits until the report's read model holds that position's events. */
  async report(period: ReportPeriod, consistentWith?: number): Promise<PartnershipReport> {
    await this.readModels.consistentWith(consistentWith, [PARTNERSHIP_REPORT_PROJECTION]);
    return queryPartnershipReport(this.db, period);
  }
}
