import { cpwCpnPolicy } from './cpw-cpn.policy';
import { cpwCpnPolicyTable, policyFile } from './testing/cpw-cpn.fixtures';

describe('policy/cpw-cpn.yaml', () => {
  const file = policyFile();

  it('defines every key of the section and no other', () => {
    expect(file.section).toBe('cpw-cpn');
    expect(Object.keys(file.values).sort()).toEqual(Object.keys(cpwCpnPolicy.schema.shape).sort());
  });

  it.each(Object.keys(cpwCpnPolicy.schema.shape))('%s: every entry is valid and names its source', (key) => {
    const schema = cpwCpnPolicy.schema.shape[key as keyof typeof cpwCpnPolicy.schema.shape];
    const entries = file.values[key] ?? [];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(schema.safeParse(entry.value).success).toBe(true);
      expect(entry.source).toEqual(expect.any(String));
    }
  });

  it('keeps the 2014 Act fixed penalty of 100 GBP, with no dated entry for the 2026 Act yet', () => {
    expect(file.values.fpnAmount).toEqual([
      { effectiveFrom: '2014-10-20', value: 10_000, source: 'Anti-social Behaviour, Crime and Policing Act 2014 s52(7) (at most 100 GBP)' },
    ]);
  });

  it("holds today's law and local conventions", () => {
    const policy = cpwCpnPolicyTable();
    const today = (key: keyof typeof cpwCpnPolicy.schema.shape) => policy.get('cpw-cpn', key, '2025-06-01T12:00:00Z').value;
    expect({
      minimumRecipientAge: today('minimumRecipientAge'),
      appealDays: today('appealDays'),
      fpnAmount: today('fpnAmount'),
      fpnPaymentDays: today('fpnPaymentDays'),
      fpnEarlyPayment: today('fpnEarlyPayment'),
      maximumFineIndividual: today('maximumFineIndividual'),
      maximumFineBody: today('maximumFineBody'),
      cpwLapseMonths: today('cpwLapseMonths'),
      cpnDurationMonths: today('cpnDurationMonths'),
    }).toEqual({
      minimumRecipientAge: 16,
      appealDays: 21,
      fpnAmount: 10_000,
      fpnPaymentDays: 14,
      fpnEarlyPayment: { amount: 7_500, withinDays: 10 },
      maximumFineIndividual: 250_000,
      maximumFineBody: 2_000_000,
      cpwLapseMonths: 6,
      cpnDurationMonths: 12,
    });
  });

  it('refuses a malformed value, such as an early payment with a misspelt field', () => {
    expect(cpwCpnPolicy.schema.shape.fpnEarlyPayment.safeParse({ amount: 7_500, withinDay: 10 }).success).toBe(false);
    expect(cpwCpnPolicy.schema.shape.fpnAmount.safeParse(100.5).success).toBe(false);
  });
});
