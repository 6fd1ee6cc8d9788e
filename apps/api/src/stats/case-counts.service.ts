import { Inject, Injectable } from '@nestjs/common';
import { CasetrailDatabase } from '@casetrail/persistence';
import { CASE_COUNTS_PROJECTION, readCaseCounts } from '@casetrail/projections';

import { DATABASE } from '../persistence/database.module';
import { ReadModels } from '../read-model/read-models.service';

/** Cases by type x stage x risk, and per type. Aggregates only: no case ids, no people. */
@Injectable()
export class CaseCounts {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly readModels: ReadModels,
  ) {}

  async counts(consistentWith?: number) {
    await this.readModels.consistentWith(consistentWith, [CASE_COUNTS_PROJECTION]);
    const counts = await readCaseCounts(this.db);
    const totals = new Map<string, number>();
    counts.forEach((c) => totals.set(c.caseType, (totals.get(c.caseType) ?? 0) + c.cases));
    return {
      counts: counts.map((c) => ({ type: c.caseType, stage: c.stage, risk: c.risk, cases: c.cases })),
      totals: [...totals].map(([type, cases]) => ({ type, cases })),
    };
  }
}
