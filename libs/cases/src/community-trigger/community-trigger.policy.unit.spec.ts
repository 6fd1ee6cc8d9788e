import { communityTriggerPolicy } from './community-trigger.policy';
import { readPolicyFile } from './community-trigger.test-support';

const keys = Object.keys(communityTriggerPolicy.schema.shape);
const valueSchema = (key: string) => communityTriggerPolicy.schema.shape[key as keyof typeof communityTriggerPolicy.schema.shape];

describe('community trigger policy file (policy/community-trigger.yaml)', () => {
  const file = readPolicyFile();

  it('is the community-trigger section and covers exactly the keys the schema defines', () => {
    expect(file.section).toBe(communityTriggerPolicy.section);
    expect(Object.keys(file.values).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('every entry of %s is valid, dated and sourced', (key) => {
    const entries = file.values[key] ?? [];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(valueSchema(key).safeParse(entry.value).error?.issues).toBeUndefined();
      expect(entry.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.source).toEqual(expect.any(String));
    }
  });
});

describe('community trigger policy schema: never stricter than the Act', () => {
  const threshold = communityTriggerPolicy.schema.shape.qualifyingComplaintsThreshold;

  it('accepts a local threshold of three or fewer qualifying complaints (s104(4))', () => {
    expect([1, 2, 3].map((n) => threshold.safeParse(n).success)).toEqual([true, true, true]);
  });

  it('refuses a threshold above three, the statutory cap', () => {
    expect(threshold.safeParse(4).success).toBe(false);
  });

  it('refuses a complaint window under one month or an application window under six', () => {
    expect(communityTriggerPolicy.schema.shape.complaintWindowMonths.safeParse(0).success).toBe(false);
    expect(communityTriggerPolicy.schema.shape.applicationWindowMonths.safeParse(5).success).toBe(false);
    expect(communityTriggerPolicy.schema.shape.applicationWindowMonths.safeParse(6).success).toBe(true);
  });

  it('refuses local extras that cannot be switched off', () => {
    const extras = communityTriggerPolicy.schema.shape.localExtras;
    const withoutSwitch = { distinctIndividuals: { count: 5, withinMonths: 6 }, hateIncident: { enabled: true, count: 1 } };
    expect(extras.safeParse(withoutSwitch).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'distinctIndividuals.enabled',
    ]);
  });
});
