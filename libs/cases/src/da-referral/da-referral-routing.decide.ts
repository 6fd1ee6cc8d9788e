import { addMonths, DecisionContext, deadlineId, DomainRuleError, londonDate } from '@casetrail/workflow';
import { CommandOf } from './da-referral.commands';
import { MARAC_REFERRAL, settleDeadline } from './da-referral.deadlines';
import { DaReferralEvent } from './da-referral.events';
import { daPolicy } from './da-referral.policy';
import { StateIn } from './da-referral.state';
import { MaracReason } from './da-referral.vocabulary';

// ---- RouteReferral -----------------------------------------------------------------------

interface MaracCriteria {
  reasons: MaracReason[];
  repeat: boolean;
  thresholds: { escalationIncidents: number; repeatWindowMonths: number };
}

/**
 * The SafeLives MARAC criteria: high risk, potential escalation, or a repeat. The repeat window
 * is counted to the day the referral was received (when the new abuse came to notice), so a slow
 * assessment cannot turn a repeat into a first referral.
 */
function maracCriteria(state: StateIn<'assessed'>, context: DecisionContext): MaracCriteria {
  const escalationIncidents = daPolicy(context, 'escalationIncidents').value;
  const repeatWindowMonths = daPolicy(context, 'repeatWindowMonths').value;
  const { lastMaracReferralDate, incidentsInLast12Months, receivedAt } = state.referral;
  const repeat =
    lastMaracReferralDate !== null && londonDate(receivedAt) <= addMonths(lastMaracReferralDate, repeatWindowMonths);

  const reasons: MaracReason[] = [];
  if (state.risk.finalLevel === 'high') reasons.push('high-risk');
  if (incidentsInLast12Months >= escalationIncidents) reasons.push('potential-escalation');
  if (repeat) reasons.push('repeat');
  return { reasons, repeat, thresholds: { escalationIncidents, repeatWindowMonths } };
}

export function decideRouteReferral(
  command: CommandOf<'RouteReferral'>,
  state: StateIn<'assessed'>,
  context: DecisionContext,
): DaReferralEvent[] {
  const criteria = maracCriteria(state, context);
  const riskLevel = state.risk.finalLevel;
  const route = command.data;

  if (route.route === 'support-service') {
    if (criteria.reasons.length > 0) {
      throw new DomainRuleError(
        'DA_MARAC_REFERRAL_REQUIRED',
        `This referral meets the MARAC criteria (${criteria.reasons.join(', ')}): it cannot go to the support service alone`,
        { reasons: criteria.reasons, thresholds: criteria.thresholds },
      );
    }
    return [
      {
        type: 'ReferredToSupportService',
        data: { service: route.service, riskLevel, alongsideMarac: false, thresholds: criteria.thresholds, referredAt: context.now },
      },
    ];
  }

  if (criteria.reasons.length === 0) {
    throw new DomainRuleError(
      'DA_MARAC_CRITERIA_NOT_MET',
      'This referral is not high risk, shows no potential escalation and is not a repeat: refer it to the support service',
      { riskLevel, incidentsInLast12Months: state.referral.incidentsInLast12Months, thresholds: criteria.thresholds },
    );
  }
  const today = londonDate(context.now);
  if (route.meetingDate < today) {
    throw new DomainRuleError('DA_MARAC_MEETING_DATE_IN_PAST', `The MARAC meeting date ${route.meetingDate} is before today (${today})`, {
      meetingDate: route.meetingDate,
      today,
    });
  }

  const events: DaReferralEvent[] = [
    {
      type: 'ReferredToMarac',
      data: {
        meetingDate: route.meetingDate,
        reasons: criteria.reasons,
        repeat: criteria.repeat,
        riskLevel,
        incidentsInLast12Months: state.referral.incidentsInLast12Months,
        thresholds: criteria.thresholds,
        referredAt: context.now,
      },
    },
    ...settleDeadline(state.deadlines, deadlineId(context.caseId, MARAC_REFERRAL), context.now, context.now),
  ];
  // Order matters to evolve: the support referral joins the MARAC route before the IDVA moves
  // the case on to contact.
  if (route.supportService) {
    events.push({
      type: 'ReferredToSupportService',
      data: { service: route.supportService, riskLevel, alongsideMarac: true, thresholds: criteria.thresholds, referredAt: context.now },
    });
  }
  if (route.idva) events.push({ type: 'IdvaAllocated', data: { ...route.idva, allocatedAt: context.now } });
  return events;
}

// ---- AllocateIdva ------------------------------------------------------------------------

export function decideAllocateIdva(command: CommandOf<'AllocateIdva'>, context: DecisionContext): DaReferralEvent[] {
  return [{ type: 'IdvaAllocated', data: { ...command.data, allocatedAt: context.now } }];
}
