import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CasetrailDatabase } from '@casetrail/persistence';
import { CASELOAD_PROJECTION, readCaseloads } from '@casetrail/projections';
import { ReadContext } from '../cases/case-queries.service';

import { DATABASE } from '../persistence/database.module';
import { ReadModels } from '../read-model/read-models.service';

export const CaseloadsQuery = z.strictObject({
  agency: z.string().max(120).regex(/^[A-Za-z0-9 _.-]+$/, 'letters, digits, space, _ . or -').optional(),
  consistentWith: z.coerce.number().int().min(0).optional(),
});
export type CaseloadsQuery = z.infer<typeof CaseloadsQuery>;

/** GET /api/caseloads: open cases per caseworker and per team, by risk, with what is overdue now. */
@Injectable()
export class CaseloadsView {
  constructor(
    @Inject(DATABASE) private readonly db: CasetrailDatabase,
    private readonly readModels: ReadModels,
  ) {}

  async caseloads(context: ReadContext, query: CaseloadsQuery) {
    const { consistentWith } = query;
    await this.readModels.consistentWith(consistentWith, [CASELOAD_PROJECTION]);
    const { principal } = context;
    const caseloads = await readCaseloads(this.db, {
      now: context.now,
      ...(query.agency ? { agency: query.agency } : {}),
      viewer: { agency: principal.agency, daAccess: principal.daAccess },
    });
    return { now: context.now, ...caseloads };
  }
}
