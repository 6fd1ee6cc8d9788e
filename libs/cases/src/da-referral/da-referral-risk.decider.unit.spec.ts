import {
  ASSESSED_AT,
  assessRisk,
  CASE_ID,
  dashAnswers,
  daPolicyTable,
  daSpec,
  history,
  RECEIVED_AT,
  receiveReferral,
} from './testing/da-referral.fixtures';

describe('da-referral › risk assessment (AssessRisk, SafeLives Dash)', () => {
  const spec = daSpec();
  const received = history([[receiveReferral(), RECEIVED_AT]]);

  it.each([
    [0, 'standard'],
    [9, 'standard'],
    [10, 'medium'],
    [13, 'medium'],
    [14, 'high'],
    [24, 'high'],
  ] as const)('scores %i yes answers as %s by the policy cut-offs (14 high, 10 medium)', (yes, level) => {
    spec.given(received).when(assessRisk(yes), { now: ASSESSED_AT }).then((events) => {
      expect(events[0]).toEqual({
        type: 'RiskAssessed',
        data: {
          tool: { name: 'safelives-dash', version: '2009' },
          questionCount: 24,
          answers: dashAnswers(yes),
          score: yes,
          cutOffs: { high: 14, medium: 10 },
          scoreLevel: level,
          finalLevel: level,
          judgement: { raised: false },
          assessedAt: ASSESSED_AT,
        },
      });
    });
  });

  it('scores against the cut-offs in force on the day of the assessment, and records them', () => {
    const policy = daPolicyTable({ dashCutOffs: [{ effectiveFrom: '2025-06-01', value: { high: 15, medium: 10 } }] });
    const receivedInJune = history([[receiveReferral(), '2025-06-02T09:00:00.000Z']]);
    daSpec(policy)
      .given(receivedInJune)
      .when(assessRisk(14), { now: '2025-06-02T10:00:00.000Z' })
      .then((events) => expect(events[0]!.data).toMatchObject({ cutOffs: { high: 15, medium: 10 }, scoreLevel: 'medium' }));
  });

  it("counts only 'yes': 'dont-know' never adds to the score", () => {
    const answers = [...dashAnswers(9, 9), ...Array<'dont-know'>(15).fill('dont-know')];
    const command = { ...assessRisk(0), data: { ...assessRisk(0).data, answers } };
    spec.given(received).when(command, { now: ASSESSED_AT }).then((events) => {
      expect(events[0]!.data).toMatchObject({ score: 9, scoreLevel: 'standard' });
    });
  });

  it('schedules the MARAC referral within maracReferralHours (24) of a high-risk assessment, and not for medium', () => {
    spec.given(received).when(assessRisk(14), { now: ASSESSED_AT }).then((events) => {
      expect(events[1]).toEqual({
        type: 'DeadlineScheduled',
        data: {
          deadlineId: `${CASE_ID}/MARAC_REFERRAL`,
          rule: 'MARAC_REFERRAL',
          dueAt: '2025-03-04T10:00:00.000Z',
          applied: { 'da-referral.maracReferralHours': 24 },
        },
      });
    });
    spec.given(received).when(assessRisk(13), { now: ASSESSED_AT }).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['RiskAssessed']);
    });
  });

  describe('professional judgement', () => {
    it('may raise a score-based level, with reasons, and the raise makes it a MARAC case', () => {
      const judgement = { level: 'high' as const, reasons: 'Strangulation disclosed; separation imminent' };
      spec.given(received).when(assessRisk(11, judgement), { now: ASSESSED_AT }).then((events) => {
        expect(events[0]!.data).toMatchObject({
          score: 11,
          scoreLevel: 'medium',
          finalLevel: 'high',
          judgement: { raised: true, reasons: judgement.reasons },
        });
        expect(events[1]).toMatchObject({ type: 'DeadlineScheduled', data: { rule: 'MARAC_REFERRAL' } });
      });
    });

    it('DA_RAISE_REQUIRES_REASONS: a raise without reasons, or with blank ones, is refused', () => {
      spec.given(received).when(assessRisk(3, { level: 'medium' }), { now: ASSESSED_AT }).thenThrows('DA_RAISE_REQUIRES_REASONS', {
        scoreLevel: 'standard',
        requestedLevel: 'medium',
      });
      spec.given(received).when(assessRisk(3, { level: 'medium', reasons: '   ' }), { now: ASSESSED_AT }).thenThrows('DA_RAISE_REQUIRES_REASONS');
    });

    it('confirming the score-based level needs no reasons and is not a raise', () => {
      spec.given(received).when(assessRisk(10, { level: 'medium' }), { now: ASSESSED_AT }).then((events) => {
        expect(events[0]!.data).toMatchObject({ finalLevel: 'medium', judgement: { raised: false } });
      });
    });

    it.each([
      [14, 'medium', 'high'],
      [14, 'standard', 'high'],
      [10, 'standard', 'medium'],
    ] as const)('DA_RISK_CANNOT_BE_LOWERED: score %i cannot be lowered to %s', (yes, level, scoreLevel) => {
      spec
        .given(received)
        .when(assessRisk(yes, { level, reasons: 'Victim feels safe now' }), { now: ASSESSED_AT })
        .thenThrows('DA_RISK_CANNOT_BE_LOWERED', { scoreLevel, requestedLevel: level });
    });
  });

  describe('DASH_ANSWER_COUNT_MISMATCH: exactly the tool version’s question count (24)', () => {
    it.each([23, 25])('refuses %i answers', (count) => {
      const command = { ...assessRisk(0), data: { ...assessRisk(0).data, answers: dashAnswers(5, count) } };
      spec.given(received).when(command, { now: ASSESSED_AT }).thenThrows('DASH_ANSWER_COUNT_MISMATCH', { expected: 24, received: count });
    });

    it('accepts 24', () => {
      spec.given(received).when(assessRisk(5), { now: ASSESSED_AT }).then((events) => {
        expect(events[0]!.data).toMatchObject({ questionCount: 24, score: 5 });
      });
    });
  });

  it.each([
    ['safelives-dash', '2019'],
    ['dara', '2009'],
  ])('DA_RISK_TOOL_NOT_SUPPORTED: %s version %s is not in the policy list', (name, version) => {
    const command = { ...assessRisk(5), data: { ...assessRisk(5).data, tool: { name, version } } };
    spec.given(received).when(command, { now: ASSESSED_AT }).thenThrows('DA_RISK_TOOL_NOT_SUPPORTED', {
      supported: [{ name: 'safelives-dash', version: '2009' }],
    });
  });

  it('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE: only a received, unassessed referral is assessed', () => {
    spec.given([]).when(assessRisk(5), { now: ASSESSED_AT }).thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', {
      stage: 'new',
      command: 'AssessRisk',
    });
    const assessed = history([
      [receiveReferral(), RECEIVED_AT],
      [assessRisk(5), ASSESSED_AT],
    ]);
    spec.given(assessed).when(assessRisk(15), { now: '2025-03-03T12:00:00.000Z' }).thenThrows('DA_REFERRAL_COMMAND_NOT_ALLOWED_IN_STAGE', {
      stage: 'assessed',
    });
  });
});
