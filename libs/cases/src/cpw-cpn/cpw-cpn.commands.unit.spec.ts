import { z } from 'zod';
import { isPersonal } from '@casetrail/workflow';
import { CPW_CPN_COMMAND_SCHEMAS, CpwCpnCommandType } from './cpw-cpn.commands';
import { CPW_CPN_EVENT_SCHEMAS } from './cpw-cpn.events';
import { council, issueCpn, issueCpw, openBody, openIndividual, recordBreach } from './testing/cpw-cpn.fixtures';

const dataOf = (command: { data: object }) => command.data;

/** For each command: data that parses, and bad data with every path that must be reported. */
const cases: Record<CpwCpnCommandType, { valid: unknown; invalid: unknown; paths: (string | number)[][] }> = {
  OpenEscalation: {
    valid: dataOf(openIndividual()),
    invalid: {
      recipient: { kind: 'individual', name: '', dateOfBirth: '2009-02-30', address: 'x' },
      conduct: {},
      asbCaseId: 'a'.repeat(65),
      urgency: 'high',
    },
    paths: [['recipient', 'name'], ['recipient', 'dateOfBirth'], ['conduct', 'narrative'], ['asbCaseId'], []],
  },
  RecordRecipientDateOfBirth: { valid: { dateOfBirth: '2001-02-03' }, invalid: { dateOfBirth: '03/02/2001' }, paths: [['dateOfBirth']] },
  IssueCpw: {
    valid: dataOf(issueCpw()),
    invalid: {
      issuer: { ...council, issuerType: 'mayor' },
      s43Test: { detrimentalEffect: { met: true, note: 'n' }, persistentOrContinuing: { met: 'yes', note: 'n' } },
      requirements: [
        { requirementId: 'R1', kind: 'stop', text: 't' },
        { requirementId: 'R1', kind: 'do', text: 't' },
      ],
      timeToComply: { kind: 'days', days: 0 },
      statesCpnWillFollow: 'yes',
    },
    paths: [
      ['issuer', 'issuerType'],
      ['s43Test', 'persistentOrContinuing', 'met'],
      ['s43Test', 'unreasonable'],
      ['requirements', 1, 'requirementId'],
      ['timeToComply', 'days'],
      ['statesCpnWillFollow'],
    ],
  },
  RecordConductAfterWarning: {
    valid: { conductContinued: true, note: 'Seen again on 3 nights.' },
    invalid: { conductContinued: 'true', note: '' },
    paths: [['conductContinued'], ['note']],
  },
  LapseCpw: { valid: {}, invalid: { force: true }, paths: [[]] },
  IssueCpn: {
    valid: dataOf(issueCpn()),
    invalid: { issuer: { ...council, name: undefined }, requirementIds: ['R1', 'R1'], appropriateBodiesInformed: [{ body: 'police' }] },
    paths: [['issuer', 'name'], ['requirementIds', 1], ['appropriateBodiesInformed', 0, 'informedOn']],
  },
  LodgeAppeal: { valid: { lodgedOn: '2025-02-23' }, invalid: { lodgedOn: '2025-02-23T10:00:00Z' }, paths: [['lodgedOn']] },
  RecordAppealOutcome: {
    valid: { outcome: 'modified', decidedOn: '2025-03-14', modifiedRequirements: [{ requirementId: 'R2', text: 'New text.' }] },
    invalid: { outcome: 'modified', decidedOn: '2025-13-14', modifiedRequirements: [] },
    paths: [['decidedOn'], ['modifiedRequirements']],
  },
  ExpireCpn: { valid: {}, invalid: { now: 'yes' }, paths: [[]] },
  RecordBreach: {
    valid: dataOf(recordBreach('2025-03-10')),
    invalid: { occurredOn: 'yesterday', requirementIds: [], description: '' },
    paths: [['occurredOn'], ['requirementIds'], ['description']],
  },
  IssueFpn: { valid: { breachNumber: 1, issuer: council }, invalid: { breachNumber: 0, issuer: {} }, paths: [
    ['breachNumber'],
    ['issuer', 'issuerType'],
    ['issuer', 'issuerId'],
    ['issuer', 'name'],
    ['issuer', 'agency'],
  ] },
  RecordFpnPayment: {
    valid: { breachNumber: 1, amountPence: 7_500, paidOn: '2025-03-14' },
    invalid: { breachNumber: 1.5, amountPence: 75.5, paidOn: '' },
    paths: [['breachNumber'], ['amountPence'], ['paidOn']],
  },
  RecordFpnUnpaid: { valid: { breachNumber: 1 }, invalid: { breachNumber: '1' }, paths: [['breachNumber']] },
  StartProsecution: {
    valid: { breachNumbers: [1, 2], court: 'Medway Magistrates' },
    invalid: { breachNumbers: [2, 2], court: '' },
    paths: [['breachNumbers', 1], ['court']],
  },
  RecordProsecutionOutcome: {
    valid: { result: 'guilty', prosecutionNumber: 1, decidedOn: '2025-05-20', charges: 5, finePerChargePence: 10_000, costsPence: 8_500, victimSurchargePence: 3_000 },
    invalid: { result: 'guilty', prosecutionNumber: 1, decidedOn: '2025-05-20', charges: 0, finePerChargePence: -1, costsPence: 85.5 },
    paths: [['charges'], ['finePerChargePence'], ['costsPence'], ['victimSurchargePence']],
  },
  RecordRemedialAction: {
    valid: { description: 'Speakers removed.', costPence: 18_500, carriedOutOn: '2025-03-20' },
    invalid: { description: 'x'.repeat(4001), costPence: -5, carriedOutOn: '2025-03-20' },
    paths: [['description'], ['costPence']],
  },
  CloseEscalation: { valid: { outcome: 'cpn-expired' }, invalid: { outcome: 'done', note: '' }, paths: [['outcome'], ['note']] },
  ExpireDeadline: {
    valid: { deadlineId: 'cpw-cpn-1/CPN_EXPIRY', dueAt: '2026-02-02T23:59:59.999Z' },
    invalid: { deadlineId: '', dueAt: '2026-02-02' },
    paths: [['deadlineId'], ['dueAt']],
  },
};

describe('CPW -> CPN command schemas', () => {
  it.each(Object.keys(cases) as CpwCpnCommandType[])('%s accepts good data and reports each invalid field', (type) => {
    const schema: z.ZodType = CPW_CPN_COMMAND_SCHEMAS[type];
    const { valid, invalid, paths } = cases[type];
    expect(schema.safeParse(valid).success).toBe(true);
    const result = schema.safeParse(invalid);
    expect(result.success).toBe(false);
    const reported = (result.error?.issues ?? []).map((issue) => issue.path);
    expect(reported).toEqual(expect.arrayContaining(paths));
    expect(reported).toHaveLength(paths.length);
  });

  it('has a case above for every command', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(CPW_CPN_COMMAND_SCHEMAS).sort());
  });

  it('refuses an unknown field by name', () => {
    const result = CPW_CPN_COMMAND_SCHEMAS.RecordBreach.safeParse({ ...dataOf(recordBreach('2025-03-10')), severity: 'high' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['severity'] })]);
  });

  it("refuses a requirement that is neither 'stop' nor 'do'", () => {
    const data = dataOf(issueCpw());
    const result = CPW_CPN_COMMAND_SCHEMAS.IssueCpw.safeParse({ ...data, requirements: [{ requirementId: 'R1', kind: 'maybe', text: 't' }] });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['requirements', 0, 'kind']]);
  });

  it('accepts a body recipient with no date of birth', () => {
    expect(CPW_CPN_COMMAND_SCHEMAS.OpenEscalation.safeParse(dataOf(openBody())).success).toBe(true);
  });
});

describe('CPW -> CPN personal data marks', () => {
  const individual = CPW_CPN_EVENT_SCHEMAS.EscalationOpened.shape.recipient.options[0].shape;
  const body = CPW_CPN_EVENT_SCHEMAS.EscalationOpened.shape.recipient.options[1].shape;
  const cpw = CPW_CPN_EVENT_SCHEMAS.CpwIssued.shape;

  it("marks an individual's name, date of birth and address, and every narrative", () => {
    expect([individual.name, individual.dateOfBirth, individual.address].map(isPersonal)).toEqual([true, true, true]);
    expect(isPersonal(CPW_CPN_EVENT_SCHEMAS.EscalationOpened.shape.conduct.shape.narrative)).toBe(true);
    expect(isPersonal(cpw.requirements.element.shape.text)).toBe(true);
    expect(isPersonal(cpw.s43Test.shape.unreasonable.shape.note)).toBe(true);
    expect(isPersonal(cpw.issuer.shape.name)).toBe(true);
    expect(isPersonal(CPW_CPN_EVENT_SCHEMAS.BreachRecorded.shape.description)).toBe(true);
    expect(isPersonal(CPW_CPN_EVENT_SCHEMAS.RecipientDateOfBirthRecorded.shape.dateOfBirth)).toBe(true);
  });

  it("leaves a body's name, dates, ids and amounts unmarked", () => {
    expect([body.name, body.registeredAddress, cpw.complyBy, cpw.requirements.element.shape.requirementId].map(isPersonal)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isPersonal(CPW_CPN_EVENT_SCHEMAS.FpnIssued.shape.amountPence)).toBe(false);
  });
});
