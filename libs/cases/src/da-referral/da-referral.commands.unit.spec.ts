import { DA_REFERRAL_COMMAND_SCHEMAS } from './da-referral.commands';
import { referralDetails } from './testing/da-referral.fixtures';

type CommandType = keyof typeof DA_REFERRAL_COMMAND_SCHEMAS;

function invalidPaths(type: CommandType, data: unknown): string[] {
  const result = DA_REFERRAL_COMMAND_SCHEMAS[type].safeParse(data);
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.')).sort();
}

describe('da-referral › command schemas refuse bad data, naming each invalid field', () => {
  const valid = referralDetails();

  it('accepts a well-formed referral', () => {
    expect(invalidPaths('ReceiveReferral', valid)).toEqual([]);
  });

  it('ReceiveReferral', () => {
    const bad = {
      ...valid,
      source: 'neighbour',
      referringAgency: '  ',
      victim: { ...valid.victim, name: '', dateOfBirth: '1990-02-30', gender: 'woman' },
      perpetrator: { ...valid.perpetrator, relationshipToVictim: 'stranger', nickname: 'S' },
      childrenInHousehold: -1,
      incidentsInLast12Months: 1.5,
      lastMaracReferralDate: '01/02/2024',
      riskScore: 12,
    };
    expect(invalidPaths('ReceiveReferral', bad)).toEqual(
      [
        '', // riskScore: unknown fields are refused, not dropped
        'childrenInHousehold',
        'incidentsInLast12Months',
        'lastMaracReferralDate',
        'perpetrator', // nickname
        'perpetrator.relationshipToVictim',
        'referringAgency',
        'source',
        'victim.dateOfBirth',
        'victim.gender',
        'victim.name',
      ].sort(),
    );
  });

  it('AssessRisk', () => {
    const bad = {
      tool: { name: '', version: 'v'.repeat(21) },
      answers: ['yes', 'maybe'],
      professionalJudgement: { level: 'critical', reasons: '' },
    };
    expect(invalidPaths('AssessRisk', bad)).toEqual(
      ['answers.1', 'professionalJudgement.level', 'professionalJudgement.reasons', 'tool.name', 'tool.version'].sort(),
    );
  });

  it('RouteReferral to MARAC', () => {
    const bad = { route: 'marac', meetingDate: '2025-13-01', idva: { idvaId: '' }, supportService: 'counselling' };
    expect(invalidPaths('RouteReferral', bad)).toEqual(['idva.idvaId', 'idva.service', 'meetingDate', 'supportService']);
  });

  it('RouteReferral to the support service, or nowhere known', () => {
    expect(invalidPaths('RouteReferral', { route: 'support-service', service: 'counselling', meetingDate: '2025-03-12' })).toEqual(['', 'service']);
    expect(invalidPaths('RouteReferral', { route: 'court' })).toEqual(['route']);
  });

  it('AllocateIdva', () => {
    expect(invalidPaths('AllocateIdva', { idvaId: '', service: 's'.repeat(121) })).toEqual(['idvaId', 'service']);
  });

  it('RecordContactAttempt', () => {
    const bad = { attemptedAt: '2025-03-03 09:00', method: 'pigeon', outcome: 'maybe', notes: 'n'.repeat(2001) };
    expect(invalidPaths('RecordContactAttempt', bad)).toEqual(['attemptedAt', 'method', 'notes', 'outcome']);
  });

  it('CloseReferral', () => {
    expect(invalidPaths('CloseReferral', { outcome: 'solved', notes: '' })).toEqual(['notes', 'outcome']);
  });

  it('RestrictToNameAndAgencies', () => {
    expect(invalidPaths('RestrictToNameAndAgencies', { reason: ' ' })).toEqual(['reason']);
    expect(invalidPaths('RestrictToNameAndAgencies', {})).toEqual(['reason']);
  });

  it('ExpireDeadline', () => {
    expect(invalidPaths('ExpireDeadline', { deadlineId: '', dueAt: 'tomorrow' })).toEqual(['deadlineId', 'dueAt']);
  });
});
