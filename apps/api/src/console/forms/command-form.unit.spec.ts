import { z } from 'zod';
import { asbCaseType, cpwCpnCaseType } from '@casetrail/cases';
import { parseCommand, type CaseTypeDefinition } from '@casetrail/workflow';
import { toProblem } from '../../problems/problem-mapping';
import { barChart } from '../charts/bar-chart';
import { commandSchema } from './command-form';
import { dataFrom, londonInstant } from './form-data';
import { attachErrors, ProblemLike } from './form-errors';
import { FieldNode, formFor } from './form-model';

const asb = asbCaseType as unknown as CaseTypeDefinition;
const cpw = cpwCpnCaseType as unknown as CaseTypeDefinition;

function find(node: FieldNode, path: string): FieldNode | undefined {
  if (node.path === path && node.kind !== 'group') return node;
  const children = node.kind === 'group' ? node.children : node.kind === 'list' ? node.items : node.kind === 'choice' ? node.options.flatMap((o) => o.children) : [];
  for (const child of children) {
    const found = find(child, path);
    if (found) return found;
  }
  return undefined;
}

describe('console forms are drawn from the commands JSON Schemas and read back into command data', () => {
  it('turns a filled LogIncident form into data its schema accepts', () => {
    const form = formFor(commandSchema(asb, 'LogIncident')!, {});
    const values = { incidentId: 'i2', behaviourDate: '2026-03-01', reportedDate: '2026-03-02', description: ' Shouting ', reportingAgency: 'tmbc' };
    const { data, issues } = dataFrom(form, values);
    expect(issues).toEqual([]);
    expect(parseCommand(asb, { type: 'LogIncident', data })).toMatchObject({ data: { ...values, description: 'Shouting' } });
  });

  it('reads nested groups, yes/no questions, list rows and a choice between variants (IssueCpw)', () => {
    const form = formFor(commandSchema(cpw, 'IssueCpw')!, {});
    expect(find(form, 'timeToComply')?.kind).toBe('choice');
    expect(find(form, 'statesCpnWillFollow')?.kind).toBe('boolean');
    const limb = { met: 'yes', note: 'Seen by officers' };
    const values = {
      'issuer.issuerType': 'council', 'issuer.issuerId': 'o1', 'issuer.name': 'A Officer', 'issuer.agency': 'tmbc',
      ...Object.fromEntries(['detrimentalEffect', 'persistentOrContinuing', 'unreasonable'].flatMap((l) => [[`s43Test.${l}.met`, limb.met], [`s43Test.${l}.note`, limb.note]])),
      'requirements[0].requirementId': 'r1', 'requirements[0].kind': 'stop', 'requirements[0].text': 'Stop playing loud music after 11pm',
      'timeToComply.kind': 'days', 'timeToComply~0.0.days': '14', statesCpnWillFollow: 'yes',
    };
    const { data } = dataFrom(form, values);
    expect(() => parseCommand(cpw, { type: 'IssueCpw', data })).not.toThrow();
    expect(data).toMatchObject({ timeToComply: { kind: 'days', days: 14 }, statesCpnWillFollow: true, s43Test: { unreasonable: { met: true } } });
  });

  it('names each missing or wrong field in plain English and links to it', () => {
    const form = formFor(commandSchema(asb, 'LogIncident')!, {});
    const { data } = dataFrom(form, { incidentId: 'i2', behaviourDate: '2026-02-30', reportingAgency: 'tmbc' });
    let refusal: unknown;
    try {
      parseCommand(asb, { type: 'LogIncident', data });
    } catch (error) {
      refusal = error;
    }
    const summary = attachErrors(form, toProblem(refusal).body as unknown as ProblemLike);
    expect(summary).toEqual(
      expect.arrayContaining([
        { text: 'Behaviour date must be a real date, like 2026-03-27', href: '#f-behaviourDate' },
        { text: 'Enter reported date', href: '#f-reportedDate' },
        { text: 'Enter description', href: '#f-description' },
      ]),
    );
    expect(find(form, 'description')?.error).toBe('Enter description');
  });

  it('names the rule when a rule, not a field, refused the command', () => {
    const form = formFor(commandSchema(asb, 'LogIncident')!, {});
    const summary = attachErrors(form, { status: 422, code: 'ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR', rule: 'ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR', detail: 'Incident i2 is dated as reported before the behaviour happened.' });
    expect(summary).toEqual([{ text: 'Incident i2 is dated as reported before the behaviour happened. (Rule: ASB_INCIDENT_REPORTED_BEFORE_BEHAVIOUR)' }]);
  });

  it('leaves out fields the system fills in (repeat matches) and rows left empty', () => {
    const form = formFor(commandSchema(asb, 'ReportAsb')!, {});
    expect(find(form, 'repeatOf[0].caseId')).toBeUndefined();
    const { data } = dataFrom(form, { category: 'noise' });
    // The perpetrator row was left empty: a required list is sent empty, not with a blank row.
    expect(data).toMatchObject({ perpetrators: [] });
  });

  it('reads a date and time as UK time, summer or winter', () => {
    expect(londonInstant('2026-07-01T14:30')).toBe('2026-07-01T13:30:00.000Z');
    expect(londonInstant('2026-01-15T09:05')).toBe('2026-01-15T09:05:00.000Z');
    expect(londonInstant('yesterday')).toBeUndefined();
  });

  it('draws bars in proportion and says what the chart shows', () => {
    const chart = barChart('c', 'Cases by stage', ['Cases'], [{ label: 'Reported', values: [2] }, { label: 'Closed', values: [1] }]);
    expect(chart.rows[0]!.segments[0]!.width).toBe(2 * chart.rows[1]!.segments[0]!.width);
    expect(chart.summary).toBe('Cases by stage: 3 in all; the largest is Reported with 2.');
    expect(barChart('e', 'Empty', ['n'], [{ label: 'A', values: [0] }]).summary).toBe('Empty: none yet.');
  });

  it('uses the very JSON Schema the API publishes for a command', () => {
    expect(commandSchema(asb, 'LogIncident')).toEqual(z.toJSONSchema(asb.commands['LogIncident' as keyof typeof asb.commands] as z.ZodType, { unrepresentable: 'any' }));
    expect(commandSchema(asb, 'constructor')).toBeUndefined();
  });
});
