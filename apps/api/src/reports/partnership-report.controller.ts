import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { periodInOrder, REPORT_PERIOD_FIELDS } from '@casetrail/projections';
import { authorise } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/auth.guard';
import { Principal } from '../auth/principal';
import { parseQuery } from '../cases/http-input';
import { PartnershipReports } from './partnership-report.service';

export const PartnershipReportQuery = z
  .strictObject({ ...REPORT_PERIOD_FIELDS, consistentWith: z.coerce.number().int().min(0).optional() })
  .superRefine(periodInOrder);

/**
 * What a Community Safety Partnership publishes for a period (dates inclusive, London days).
 * Aggregates only, so it counts restricted cases without showing any (docs/security.md).
 */
@Controller('api/reports')
export class PartnershipReportController {
  constructor(private readonly reports: PartnershipReports) {}

  @Get('partnership')
  async partnership(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    authorise(principal, 'report.read');
    const { from, to, consistentWith } = parseQuery(PartnershipReportQuery, query);
    return this.reports.report({ from, to }, consistentWith);
  }
}
