import { PartnershipReport } from './partnership-report';

/** One figure of the report: `domesticAbuse, referrals.byRiskLevel, high, 28`. */
export interface ReportRow {
  section: string;
  /** The path to the figure within its section, dot-separated. */
  measure: string;
  /** The breakdown value for a figure under a `by...` object; empty otherwise. */
  dimension: string;
  value: string | number;
}

/** The report as rows, in the order of the JSON: same figures, same names. */
export function partnershipReportRows(report: PartnershipReport): ReportRow[] {
  return Object.entries(report).flatMap(([section, body]) => rowsOf(section, body as object, []));
}

function rowsOf(section: string, body: object, path: string[]): ReportRow[] {
  return Object.entries(body).flatMap(([key, value]): ReportRow[] => {
    const measure = [...path, key].join('.');
    if (typeof value !== 'object' || value === null) return [{ section, measure, dimension: '', value: value as string | number }];
    // A `by...` object is a breakdown: its keys are dimension values, not further measures.
    if (key.startsWith('by')) {
      return Object.entries(value as Record<string, number>).map(([dimension, count]) => ({ section, measure, dimension, value: count }));
    }
    return rowsOf(section, value as object, [...path, key]);
  });
}

/** `section,measure,dimension,value` with a header line (RFC 4180 quoting where needed). */
export function partnershipReportCsv(report: PartnershipReport): string[] {
  const cell = (value: string | number) => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  return [
    'section,measure,dimension,value',
    ...partnershipReportRows(report).map((row) => [row.section, row.measure, row.dimension, row.value].map(cell).join(',')),
  ];
}
