import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { PolicyFileError } from './policy-file.error';
import { loadPolicyDirectory, PolicySection } from './policy-loader';
import { PolicyNotInForceError } from './static-policy';

const sections: PolicySection[] = [
  { section: 'cpw-cpn', schema: z.object({ appealDays: z.number().int().positive(), fpnAmountGbp: z.number().positive() }) },
  { section: 'community-trigger', schema: z.object({ qualifyingComplaints: z.number().int().min(1) }) },
];

const CPW_CPN = `section: cpw-cpn
values:
  appealDays:
    - effectiveFrom: "2014-10-20"
      value: 21
      source: "Anti-social Behaviour, Crime and Policing Act 2014 s46(1)"
  fpnAmountGbp:
    - effectiveFrom: "2014-10-20"
      value: 100
      source: "Anti-social Behaviour, Crime and Policing Act 2014 s52"
`;
const TRIGGER = `section: community-trigger
values:
  qualifyingComplaints:
    - effectiveFrom: "2014-10-20"
      value: 3
`;

const root = mkdtempSync(join(tmpdir(), 'casetrail-policy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirNo = 0;
/** A fresh policy directory holding exactly these files. */
function policyDir(files: Record<string, string>): string {
  const dir = join(root, `policy-${++dirNo}`);
  mkdirSync(dir);
  Object.entries(files).forEach(([name, text]) => writeFileSync(join(dir, name), text));
  return dir;
}

function loadError(files: Record<string, string>): PolicyFileError {
  const dir = policyDir(files);
  try {
    loadPolicyDirectory(dir, sections);
  } catch (error) {
    if (error instanceof PolicyFileError) return error;
    throw error;
  }
  throw new Error('expected the policy directory to be refused');
}

describe('loadPolicyDirectory', () => {
  it('loads every section with its dated values and sources', () => {
    const policy = loadPolicyDirectory(policyDir({ 'cpw-cpn.yaml': CPW_CPN, 'community-trigger.yml': TRIGGER }), sections);
    expect(policy.get('cpw-cpn', 'appealDays', '2026-03-01T10:00:00Z')).toEqual({
      key: 'cpw-cpn.appealDays',
      value: 21,
      effectiveFrom: '2014-10-20',
      source: 'Anti-social Behaviour, Crime and Policing Act 2014 s46(1)',
    });
    expect(policy.get('community-trigger', 'qualifyingComplaints', '2026-03-01T10:00:00Z').value).toBe(3);
    expect(() => policy.get('cpw-cpn', 'appealDays', '2014-10-19T12:00:00Z')).toThrow(PolicyNotInForceError);
  });

  it('uses a later entry from its effective date, with no code change', () => {
    const raised = CPW_CPN.replace(
      '      source: "Anti-social Behaviour, Crime and Policing Act 2014 s52"\n',
      '      source: "Anti-social Behaviour, Crime and Policing Act 2014 s52"\n' +
        '    - effectiveFrom: "2027-01-01"\n      value: 500\n      source: "Crime and Policing Act 2026"\n',
    );
    const policy = loadPolicyDirectory(policyDir({ 'cpw-cpn.yaml': raised, 'community-trigger.yaml': TRIGGER }), sections);
    // 23:59 on 31 December London time is still before the new amount.
    expect(policy.get('cpw-cpn', 'fpnAmountGbp', '2026-12-31T23:59:00Z').value).toBe(100);
    expect(policy.get('cpw-cpn', 'fpnAmountGbp', '2027-01-01T00:00:00Z')).toMatchObject({ value: 500, effectiveFrom: '2027-01-01' });
    expect(policy.get('cpw-cpn', 'fpnAmountGbp', '2031-06-01T09:00:00Z').value).toBe(500);
  });

  it('ignores subfolders and files that are not YAML', () => {
    const dir = policyDir({ 'cpw-cpn.yaml': CPW_CPN, 'community-trigger.yaml': TRIGGER, 'README.md': '# notes' });
    mkdirSync(join(dir, 'bank-holidays'));
    writeFileSync(join(dir, 'bank-holidays', 'stray.yaml'), 'section: nonsense\n');
    expect(loadPolicyDirectory(dir, sections).sections().sort()).toEqual(['community-trigger', 'cpw-cpn']);
  });

  it.each([
    [
      'a value of the wrong type',
      CPW_CPN.replace('value: 21', 'value: "21"'),
      'values.appealDays[0].value: expected number, received string',
    ],
    [
      'a value its schema refuses',
      CPW_CPN.replace('value: 21', 'value: -1'),
      'values.appealDays[0].value: Too small',
    ],
    ['an impossible date', CPW_CPN.replace('"2014-10-20"', '"2023-02-29"'), 'values.appealDays[0].effectiveFrom: must be a real date'],
    ['a date in another format', CPW_CPN.replace('"2014-10-20"', '"20/10/2014"'), 'values.appealDays[0].effectiveFrom: must be a real date'],
    [
      'two entries of one key on the same date',
      CPW_CPN.replace('      value: 100\n', '      value: 100\n    - effectiveFrom: "2014-10-20"\n      value: 90\n'),
      'values.fpnAmountGbp[1].effectiveFrom: 2014-10-20 is used by another entry',
    ],
    ['a missing key', CPW_CPN.slice(0, CPW_CPN.indexOf('  fpnAmountGbp:')), 'values.fpnAmountGbp: missing'],
    ['an unknown key', `${CPW_CPN}  fpnAmountPounds:\n    - effectiveFrom: "2014-10-20"\n      value: 1\n`, 'values.fpnAmountPounds: unknown key'],
    ['an unknown field in an entry', CPW_CPN.replace('value: 21', 'value: 21\n      note: x'), 'values.appealDays[0].note: unknown key'],
    ['a key with no entries', CPW_CPN.replace(/ {2}appealDays:\n(?: {4}.*\n)+/, '  appealDays: []\n'), 'values.appealDays: appealDays needs at least one entry'],
    ['an unknown section', CPW_CPN.replace('section: cpw-cpn', 'section: cpw-cpm'), 'section: unknown section cpw-cpm'],
    ['broken YAML', 'section: cpw-cpn\nvalues: [unclosed\n', 'not valid YAML'],
    ['an empty file', '', 'expected object, received null'],
  ])('refuses %s, naming the file and the field', (_kind, text, expected) => {
    const error = loadError({ 'cpw-cpn.yaml': text, 'community-trigger.yaml': TRIGGER });
    expect(error.message.startsWith(`Invalid policy file ${error.path}: `)).toBe(true);
    expect(error.path.endsWith('cpw-cpn.yaml')).toBe(true);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('\n');
  });

  it('states the problem in the documented format', () => {
    const error = loadError({ 'cpw-cpn.yaml': CPW_CPN.replace('value: 21', 'value: "21"'), 'community-trigger.yaml': TRIGGER });
    expect(error.message).toBe(
      `Invalid policy file ${join(root, `policy-${dirNo}`, 'cpw-cpn.yaml')}: values.appealDays[0].value: expected number, received string`,
    );
    expect(error.field).toBe('values.appealDays[0].value');
  });

  it('refuses a section defined by two files', () => {
    const error = loadError({ 'a.yaml': CPW_CPN, 'b.yml': CPW_CPN, 'community-trigger.yaml': TRIGGER });
    expect(error.path.endsWith('b.yml')).toBe(true);
    expect(error.message).toMatch(/b\.yml: section: section cpw-cpn is already defined in .*a\.yaml$/);
  });

  it('refuses a directory missing a registered section', () => {
    const error = loadError({ 'cpw-cpn.yaml': CPW_CPN });
    expect(error.message).toMatch(/^Invalid policy directory .*: no policy file defines section community-trigger$/);
  });

  it('refuses a directory that does not exist', () => {
    expect(() => loadPolicyDirectory(join(root, 'nowhere'), sections)).toThrow(/Invalid policy directory .*nowhere: cannot be read \(ENOENT\)/);
  });
});
