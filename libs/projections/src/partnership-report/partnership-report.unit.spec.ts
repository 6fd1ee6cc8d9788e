import { FactTally } from './fact-tally';
import { partnershipReportCsv, partnershipReportRows } from './partnership-report.csv';
import { buildPartnershipReport, money } from './partnership-report';
import { FACT_KIND } from './report-fact';
import { previousYearOf, ReportPeriodSchema } from './report-period';

const YEAR = { from: '2025-04-01', to: '2026-03-31' };

describe('partnership report', () => {
  describe('money', () => {
    it.each([
      [0, '0.00'],
      [1, '0.01'],
      [3_000, '30.00'],
      [8_550, '85.50'],
      [123_456_789, '1234567.89'],
    ])('%i pence is %s GBP', (pence, gbp) => {
      expect(money(pence)).toEqual({ pence, gbp });
    });
  });

  describe('period', () => {
    it('takes dates in order, both inclusive, and the same dates a year before (29 February to 28 February)', () => {
      expect(ReportPeriodSchema.parse({ from: '2024-02-29', to: '2024-02-29' })).toEqual({ from: '2024-02-29', to: '2024-02-29' });
      expect(previousYearOf({ from: '2024-02-29', to: '2025-02-28' })).toEqual({ from: '2023-02-28', to: '2024-02-28' });
    });

    it.each([
      [{ from: '2025-04-01', to: '2025-03-31' }, 'from'],
      [{ from: '2025-02-30', to: '2025-03-31' }, 'from'],
      [{ from: '2025-04-01', to: '31/03/2026' }, 'to'],
      [{ to: '2026-03-31' }, 'from'],
    ])('refuses %j, naming %s', (input, field) => {
      const parsed = ReportPeriodSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
    });
  });

  describe('figures', () => {
    const tally = new FactTally([
      { kind: FACT_KIND.daReferral, dimension: 'female', facts: 3, total: 3 },
      { kind: FACT_KIND.daReferralRisk, dimension: 'high', facts: 1, total: 1 },
      { kind: FACT_KIND.mediationReferred, dimension: 'restorative-justice', facts: 2, total: 2 },
      { kind: FACT_KIND.prosecutionConcluded, dimension: 'guilty', facts: 1, total: 5 },
      { kind: FACT_KIND.prosecutionFine, dimension: null, facts: 1, total: 50_000 },
    ]);
    const report = buildPartnershipReport(YEAR, tally, previousYearOf(YEAR), new FactTally([]));

    it('counts unassessed referrals so that the risk levels add up to the referrals', () => {
      expect(report.domesticAbuse.referrals.byRiskLevel).toEqual({ standard: 0, medium: 0, high: 1, 'not-assessed': 2 });
    });

    it('shows every known value of a breakdown, and a value it does not know yet', () => {
      expect(report.mediation.byType).toEqual({ neighbour: 0, 'parent-and-teen': 0, 'anger-management': 0, 'restorative-justice': 2 });
    });

    it('sums quantities: charges proved and fines', () => {
      expect(report.cpwCpn.prosecutions).toMatchObject({ concluded: 1, chargesProved: 5, fines: { pence: 50_000, gbp: '500.00' } });
    });

    it('flattens to section, measure, dimension, value rows, breakdowns by their dimension', () => {
      const rows = partnershipReportRows(report);
      expect(rows).toEqual(
        expect.arrayContaining([
          { section: 'period', measure: 'from', dimension: '', value: '2025-04-01' },
          { section: 'domesticAbuse', measure: 'referrals.byRiskLevel', dimension: 'high', value: 1 },
          { section: 'domesticAbuse', measure: 'previousYear.period.to', dimension: '', value: '2025-03-31' },
          { section: 'cpwCpn', measure: 'prosecutions.fines.gbp', dimension: '', value: '500.00' },
          { section: 'cpwCpn', measure: 'prosecutions.fines.pence', dimension: '', value: 50_000 },
        ]),
      );
      const csv = partnershipReportCsv(report);
      expect(csv[0]).toBe('section,measure,dimension,value');
      expect(csv).toContain('mediation,byType,restorative-justice,2');
      expect(csv).toHaveLength(rows.length + 1);
    });

    it('quotes a cell that holds a comma or a quote', () => {
      const odd = buildPartnershipReport(YEAR, new FactTally([{ kind: FACT_KIND.asbCaseOpened, dimension: 'noise, "late"', facts: 1, total: 1 }]), previousYearOf(YEAR), new FactTally([]));
      expect(partnershipReportCsv(odd)).toContain('asb,byCategory,"noise, ""late""",1');
    });
  });
});
