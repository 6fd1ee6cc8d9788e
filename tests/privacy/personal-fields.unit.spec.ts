import { z } from 'zod';
import { CASE_TYPES } from '@casetrail/cases';
import { caseEventSchemas, mapPersonalFields, personalFieldsOf, slotOf, subjectIdOf } from '@casetrail/privacy';
import { personal } from '@casetrail/workflow';

const CASE_ID = 'asb-3f0c2a4e-8d5b-4b7a-9c1e-2f6d8a9b0c11';
const schemasOf = caseEventSchemas(CASE_TYPES);

const asbReported = {
  reportingAgency: 'tmbc',
  category: 'noise',
  victims: [
    { kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: { phone: '07700 900123' } },
    { kind: 'business', name: 'Corner Shop', contact: {} },
  ],
  location: { address: '12 Acacia Avenue' },
  perpetrators: [{ perpetratorId: 'p1', givenName: 'Sam', familyName: 'Smith', dateOfBirth: '1990-01-02' }],
};

describe('personal fields and their subjects', () => {
  it('finds the personal fields the case type marks, whose slot is the person they describe', () => {
    const schema = schemasOf(CASE_ID)!.AsbReported!;
    const fields = personalFieldsOf(schema, { ...asbReported, firstIncident: { incidentId: 'i1', behaviourDate: '2026-01-01', reportedDate: '2026-01-02', description: 'Music' }, reportedAt: '2026-01-02T10:00:00Z' });
    const bySlot = (slot: string) => fields.filter((f) => f.slot === slot).map((f) => f.path.join('.'));
    expect(bySlot('victims[0]')).toEqual(['victims.0.givenName', 'victims.0.familyName', 'victims.0.contact.phone']);
    expect(bySlot('victims[1]')).toEqual(['victims.1.name']);
    expect(bySlot('perpetrator:p1')).toEqual(['perpetrators.0.givenName', 'perpetrators.0.familyName', 'perpetrators.0.dateOfBirth']);
    expect(bySlot('location')).toEqual(['location.address']);
    // Not personal: category, agencies, dates of the behaviour.
    expect(fields.map((f) => f.path.join('.'))).not.toContain('category');
  });

  it('rule SUBJECT_PER_PERSON_IN_CASE: one subject per person slot in a case, stable across events and retries', () => {
    expect(subjectIdOf(CASE_ID, 'perpetrator:p1')).toBe(subjectIdOf(CASE_ID, 'perpetrator:p1'));
    expect(subjectIdOf(CASE_ID, 'perpetrator:p1')).not.toBe(subjectIdOf(CASE_ID, 'perpetrator:p2'));
    expect(subjectIdOf(CASE_ID, 'victims[0]')).not.toBe(subjectIdOf('asb-00000000-8d5b-4b7a-9c1e-2f6d8a9b0c11', 'victims[0]'));
    expect(subjectIdOf(CASE_ID, 'victims[0]')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('takes a slot from the nearest own id, else the list entry, else the top-level part, else the case', () => {
    expect(slotOf(['givenName'], [{ perpetratorId: 'p2', givenName: 'Sam' }])).toBe('perpetrator:p2');
    expect(slotOf(['victims', 0, 'contact', 'phone'], [{}, [], {}, {}])).toBe('victims[0]');
    expect(slotOf(['applicant', 'contact', 'email'], [{}, {}, {}])).toBe('applicant');
    expect(slotOf(['reason'], [{ caseworkerId: 'cw-1' }])).toBe('case');
    // A link to another case is not the owner of the text beside it.
    expect(slotOf(['reason'], [{ escalationCaseId: 'cpw-cpn-075166a9-22ab-45a1-a647-cdae466cdf86' }])).toBe('case');
    expect(slotOf(['conduct', 'narrative'], [{ asbCaseId: 'asb-075166a9-22ab-45a1-a647-cdae466cdf86' }, {}])).toBe('conduct');
  });

  it('uses the subject a schema names (domestic abuse: victim, perpetrator)', () => {
    const schema = z.object({ victim: z.object({ name: personal(z.string(), 'victim') }), answers: personal(z.array(z.string()), 'victim') });
    expect(personalFieldsOf(schema, { victim: { name: 'A' }, answers: ['yes'] }).map((f) => [f.path.join('.'), f.slot])).toEqual([
      ['victim.name', 'victim'],
      ['answers', 'victim'],
    ]);
  });

  it('walks optionals, unions, records, tuples, pipes and lazies; leaves absent fields absent and shares untouched parts', () => {
    const name = personal(z.string());
    const schema = z.object({
      maybe: z.object({ name }).optional(),
      either: z.union([z.object({ kind: z.literal('a'), name }), z.object({ kind: z.literal('b'), other: z.string() })]),
      byKey: z.record(z.string(), z.object({ name })),
      pair: z.tuple([z.string(), z.object({ name })]),
      piped: z.object({ name }).pipe(z.object({ name: z.string() })),
      lazy: z.lazy(() => z.object({ name })),
      plain: z.object({ n: z.number() }),
    });
    const data = { either: { kind: 'a', name: 'x' }, byKey: { k: { name: 'y' } }, pair: ['t', { name: 'z' }], piped: { name: 'p' }, lazy: { name: 'l' }, plain: { n: 1 } };
    const mapped = mapPersonalFields(schema, data, ({ value }) => `<${String(value)}>`) as typeof data;
    expect(mapped).toEqual({ either: { kind: 'a', name: '<x>' }, byKey: { k: { name: '<y>' } }, pair: ['t', { name: '<z>' }], piped: { name: '<p>' }, lazy: { name: '<l>' }, plain: { n: 1 } });
    expect('maybe' in mapped).toBe(false);
    expect(mapped.plain).toBe(data.plain);
  });
});
