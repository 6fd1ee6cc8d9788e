import { DecisionContext, deadlineId, DomainRuleError, scheduleDeadline } from '@casetrail/workflow';
import { CommandOf } from './da-referral.commands';
import { hoursAfter, MARAC_REFERRAL } from './da-referral.deadlines';
import { DaReferralEvent } from './da-referral.events';
import { DashCutOffs, daPolicy } from './da-referral.policy';
import { RiskLevel } from './da-referral.vocabulary';

// ---- AssessRisk --------------------------------------------------------------------------

const SEVERITY: Record<RiskLevel, number> = { standard: 0, medium: 1, high: 2 };

export function decideAssessRisk(command: CommandOf<'AssessRisk'>, context: DecisionContext): DaReferralEvent[] {
  const { tool, answers, professionalJudgement } = command.data;
  const supported = daPolicy(context, 'riskTools').value;
  const version = supported.find((t) => t.tool === tool.name && t.version === tool.version);
  if (!version) {
    throw new DomainRuleError('DA_RISK_TOOL_NOT_SUPPORTED', `${tool.name} version ${tool.version} is not a supported risk tool`, {
      tool,
      supported: supported.map((t) => ({ name: t.tool, version: t.version })),
    });
  }
  if (answers.length !== version.questionCount) {
    throw new DomainRuleError(
      'DASH_ANSWER_COUNT_MISMATCH',
      `${tool.name} ${tool.version} has ${version.questionCount} questions; ${answers.length} answers were given`,
      { expected: version.questionCount, received: answers.length },
    );
  }

  const cutOffs = daPolicy(context, 'dashCutOffs').value;
  const score = answers.filter((answer) => answer === 'yes').length;
  const scoreLevel = levelForScore(score, cutOffs);
  const finalLevel = professionalJudgement?.level ?? scoreLevel;
  const reasons = professionalJudgement?.reasons?.trim() || undefined;

  if (SEVERITY[finalLevel] < SEVERITY[scoreLevel]) {
    throw new DomainRuleError(
      'DA_RISK_CANNOT_BE_LOWERED',
      `Professional judgement may raise a ${scoreLevel} score-based level but never lower it to ${finalLevel}`,
      { scoreLevel, requestedLevel: finalLevel, score },
    );
  }
  const raised = SEVERITY[finalLevel] > SEVERITY[scoreLevel];
  if (raised && !reasons) {
    throw new DomainRuleError('DA_RAISE_REQUIRES_REASONS', `Raising the risk from ${scoreLevel} to ${finalLevel} needs recorded reasons`, {
      scoreLevel,
      requestedLevel: finalLevel,
    });
  }

  const events: DaReferralEvent[] = [
    {
      type: 'RiskAssessed',
      data: {
        tool,
        questionCount: version.questionCount,
        answers,
        score,
        cutOffs,
        scoreLevel,
        finalLevel,
        judgement: { raised, ...(reasons ? { reasons } : {}) },
        assessedAt: context.now,
      },
    },
  ];
  if (finalLevel === 'high') {
    const maracReferralHours = daPolicy(context, 'maracReferralHours');
    events.push(
      scheduleDeadline(
        deadlineId(context.caseId, MARAC_REFERRAL),
        MARAC_REFERRAL,
        hoursAfter(context.now, maracReferralHours.value),
        { [maracReferralHours.key]: maracReferralHours.value },
      ),
    );
  }
  return events;
}

/** The Dash scale: `high` or more 'yes' is high, `medium` up to high is medium, below is standard. */
function levelForScore(score: number, cutOffs: DashCutOffs): RiskLevel {
  if (score >= cutOffs.high) return 'high';
  if (score >= cutOffs.medium) return 'medium';
  return 'standard';
}
