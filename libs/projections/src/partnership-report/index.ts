export { PartnershipReportProjection, PARTNERSHIP_REPORT_PROJECTION } from './partnership-report.projection';
export type { PartnershipReportTables, ReportFactTable } from './report-facts.table';
export { FACT_KIND, type FactKind } from './report-fact';
export { queryPartnershipReport } from './partnership-report.query';
export { money, type Money, type PartnershipReport, type DaReferralFigures } from './partnership-report';
export { partnershipReportRows, partnershipReportCsv, type ReportRow } from './partnership-report.csv';
export { ReportPeriodSchema, REPORT_PERIOD_FIELDS, periodInOrder, previousYearOf, type ReportPeriod } from './report-period';
