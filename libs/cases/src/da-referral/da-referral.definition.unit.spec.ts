import { z } from 'zod';
import { DomainRuleError, isPersonal } from '@casetrail/workflow';
import { DaReferralCommand, DaReferralCommandType } from './da-referral.commands';
import { daReferralDecider } from './da-referral.decider';
import { daReferralCaseType } from './da-referral.definition';
import { DA_REFERRAL_EVENT_SCHEMAS, DaReferralEvent } from './da-referral.events';
import { daReferralPolicy } from './da-referral.policy';
import { DaReferralState } from './da-referral.state';
import {
  assessedHistory,
  closeReferral,
  contactAttempt,
  context,
  fold,
  history,
  IDVA,
  idvaContactHistory,
  policyFile,
  RECEIVED_AT,
  receiveReferral,
  referralDetails,
  routeToMarac,
  assessRisk,
  ROUTED_AT,
} from './testing/da-referral.fixtures';

describe('da-referral › policy file policy/da-referral.yaml', () => {
  const file = policyFile();

  it('defines this section, with every key of the schema and no other', () => {
    expect(file.section).toBe(daReferralPolicy.section);
    expect(Object.keys(file.values).sort()).toEqual(Object.keys(daReferralPolicy.schema.shape).sort());
  });

  it.each(Object.keys(daReferralPolicy.schema.shape))('%s: every entry is dated, sourced and valid for the key', (key) => {
    const schema: z.ZodType = daReferralPolicy.schema.shape[key as keyof typeof daReferralPolicy.schema.shape];
    for (const entry of file.values[key]!) {
      expect(z.iso.date().safeParse(entry.effectiveFrom).success).toBe(true);
      expect(entry.source).toEqual(expect.any(String));
      expect(schema.safeParse(entry.value).error?.issues ?? []).toEqual([]);
    }
  });

  it('the schema refuses cut-offs out of order', () => {
    const bad = daReferralPolicy.schema.shape.dashCutOffs.safeParse({ high: 10, medium: 14 });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['medium']]);
  });
});

/** Paths of the fields marked personal, looking through optional wrappers, objects and arrays. */
function personalPaths(schema: z.ZodType, path = ''): string[] {
  if (isPersonal(schema)) return [path];
  if (schema instanceof z.ZodOptional) return personalPaths(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodArray) return personalPaths(schema.element as z.ZodType, `${path}[]`);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape).flatMap(([key, field]) => personalPaths(field as z.ZodType, path ? `${path}.${key}` : key));
  }
  return [];
}

describe('da-referral › personal data is marked for crypto-shredding', () => {
  it.each([
    [
      'ReferralReceived',
      [
        'victim.name',
        'victim.dateOfBirth',
        'victim.address',
        'victim.phone',
        'victim.safeContactNotes',
        'perpetrator.name',
        'perpetrator.dateOfBirth',
        'perpetrator.relationshipToVictim',
      ],
    ],
    ['RiskAssessed', ['answers', 'judgement.reasons']],
    ['ContactAttemptRecorded', ['notes']],
    ['ReferralClosed', ['notes']],
    ['RestrictedToNameAndAgencies', ['reason']],
    ['ReferredToMarac', []],
    ['IdvaAllocated', []],
  ] as const)('%s marks exactly %j as personal', (type, paths) => {
    expect(personalPaths(DA_REFERRAL_EVENT_SCHEMAS[type])).toEqual(paths);
  });
});

describe('da-referral › summary', () => {
  it('shows the stage, risk, agencies and key facts of a MARAC case, and no personal data', () => {
    const events = history([[contactAttempt('2025-03-03T16:00:00.000Z', 'successful'), '2025-03-03T16:00:00.000Z']], {
      given: idvaContactHistory(),
    });
    const summary = daReferralCaseType.summarise(fold(events));
    expect(summary).toEqual({
      stage: 'contact',
      risk: 'high',
      assignee: { caseworkerId: IDVA.idvaId, agency: IDVA.service },
      agencies: ['kent-police', IDVA.service],
      restricted: true,
      openedAt: RECEIVED_AT,
      keyFacts: {
        source: 'police',
        victimGender: 'female',
        maracReferred: true,
        repeat: false,
        dashScore: 16,
        lockedToNameAndAgencies: false,
      },
    });
    const text = JSON.stringify(summary);
    const { victim, perpetrator } = referralDetails();
    for (const value of [victim.name, victim.address, victim.phone, victim.dateOfBirth, perpetrator.name]) {
      expect(text).not.toContain(value);
    }
  });

  it('keeps the risk and outcome of a closed case, and is restricted before anything is known', () => {
    const closed = history([[closeReferral('moved-area'), '2025-03-04T09:00:00.000Z']], { given: assessedHistory(4) });
    expect(daReferralCaseType.summarise(fold(closed))).toMatchObject({
      stage: 'closed',
      risk: 'standard',
      closedAt: '2025-03-04T09:00:00.000Z',
      keyFacts: { dashScore: 4, maracReferred: false, outcome: 'moved-area' },
    });
    expect(daReferralCaseType.summarise(daReferralDecider.initialState())).toEqual({
      stage: 'new',
      agencies: [],
      restricted: true,
      keyFacts: {},
    });
  });
});

describe('da-referral › allowed commands agree with the decider', () => {
  const at = '2025-03-05T10:00:00.000Z';
  const sample: Record<DaReferralCommandType, DaReferralCommand> = {
    ReceiveReferral: receiveReferral(),
    AssessRisk: assessRisk(5),
    RouteReferral: routeToMarac('2025-03-12'),
    AllocateIdva: { type: 'AllocateIdva', data: IDVA },
    RecordContactAttempt: contactAttempt(at),
    CloseReferral: closeReferral('moved-area'),
    RestrictToNameAndAgencies: { type: 'RestrictToNameAndAgencies', data: { reason: 'Need to know' } },
    ExpireDeadline: { type: 'ExpireDeadline', data: { deadlineId: 'x', dueAt: at } },
  };
  const histories: Record<DaReferralState['stage'], DaReferralEvent[]> = {
    new: [],
    received: history([[receiveReferral(), RECEIVED_AT]]),
    assessed: assessedHistory(15),
    'marac-referred': history([[routeToMarac('2025-03-12'), ROUTED_AT]], { given: assessedHistory(15) }),
    contact: idvaContactHistory(),
    closed: history([[closeReferral('moved-area'), ROUTED_AT]], { given: assessedHistory(15) }),
  };

  function refusalCode(command: DaReferralCommand, state: DaReferralState): string | null {
    try {
      daReferralDecider.decide(command, state, context(at));
      return null;
    } catch (error) {
      if (error instanceof DomainRuleError) return error.code;
      throw error;
    }
  }

  it.each(Object.keys(histories) as DaReferralState['stage'][])('in stage %s', (stage) => {
    const state = fold(histories[stage]);
    expect(state.stage).toBe(stage);
    const allowed = daReferralCaseType.allowedCommands(state);
    for (const [type, command] of Object.entries(sample) as [DaReferralCommandType, DaReferralCommand][]) {
      const code = refusalCode(command, state);
      if (allowed.includes(type)) expect([type, code]).not.toEqual([type, 'DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE']);
      else expect([type, code]).toEqual([type, expect.stringMatching(/^DA_(REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE|IDVA_REQUIRED_BEFORE_CONTACT)$/)]);
    }
  });
});

describe('da-referral › evolve', () => {
  it('refuses to fold an event that cannot follow the stage, rather than replay a history that never was', () => {
    const riskAssessed = assessedHistory(5)[2]!;
    expect(riskAssessed.type).toBe('RiskAssessed');
    expect(() => fold([riskAssessed])).toThrow('RiskAssessed cannot follow stage new');
  });
});

describe('da-referral › case type definition', () => {
  it('is restricted by default and opens with ReceiveReferral', () => {
    expect(daReferralCaseType).toMatchObject({ caseType: 'da-referral', restrictedByDefault: true, openCommand: 'ReceiveReferral' });
    expect(daReferralCaseType.policy.section).toBe('da-referral');
  });

  it('has a schema for every event and command, deadline ones included', () => {
    expect(Object.keys(daReferralCaseType.events)).toEqual(
      expect.arrayContaining(['DeadlineScheduled', 'DeadlineMet', 'DeadlineCancelled', 'DeadlineMissed', 'ReferralReceived']),
    );
    expect(Object.keys(daReferralCaseType.commands)).toContain('ExpireDeadline');
    expect(daReferralCaseType.conditionalCommands.every((c) => c in daReferralCaseType.commands)).toBe(true);
  });
});
