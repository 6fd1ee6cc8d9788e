import { cancelOpenDeadlines, DecisionContext, DomainRuleError } from '@casetrail/workflow';
import { CommandOf } from './da-referral.commands';
import { contactStandardMet, unansweredSinceLastReached } from './da-referral-contact.decide';
import { DaReferralEvent } from './da-referral.events';
import { daPolicy } from './da-referral.policy';
import { attemptsOf, StateIn } from './da-referral.state';

// ---- CloseReferral -----------------------------------------------------------------------

type ClosableState = StateIn<'received' | 'assessed' | 'marac-referred' | 'contact'>;

export function decideCloseReferral(
  command: CommandOf<'CloseReferral'>,
  state: ClosableState,
  context: DecisionContext,
): DaReferralEvent[] {
  const { outcome, notes } = command.data;
  const attempts = attemptsOf(state);
  let contactStandard: { attemptsRequired: number; windowDays: number } | undefined;

  switch (outcome) {
    case 'engaged-and-safer':
      if (!attempts.some((a) => a.outcome === 'successful')) {
        throw new DomainRuleError(
          'DA_ENGAGEMENT_REQUIRES_SUCCESSFUL_CONTACT',
          'A referral can only be closed as engaged and safer after a successful contact with the victim',
          { attempts: attempts.length },
        );
      }
      break;
    case 'not-engaged': {
      const attemptsRequired = daPolicy(context, 'contactAttemptsRequired').value;
      const windowDays = daPolicy(context, 'contactAttemptWindowDays').value;
      if (!contactStandardMet(attempts, attemptsRequired, windowDays)) {
        throw new DomainRuleError(
          'DA_CONTACT_ATTEMPTS_INCOMPLETE',
          `Closing as not engaged needs ${attemptsRequired} unanswered contact attempts within ${windowDays} days`,
          { attemptsRequired, windowDays, unansweredAttempts: unansweredSinceLastReached(attempts).length },
        );
      }
      contactStandard = { attemptsRequired, windowDays };
      break;
    }
    case 'other':
      // "Other" says nothing to an auditor or to next year's figures without its explanation.
      if (!notes?.trim()) {
        throw new DomainRuleError('DA_CLOSURE_NOTES_REQUIRED', 'Closing with the outcome "other" needs notes saying why', { outcome });
      }
      break;
    case 'declined-support':
    case 'moved-area':
      break;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }

  return [
    {
      type: 'ReferralClosed',
      data: { outcome, ...(notes ? { notes } : {}), ...(contactStandard ? { contactStandard } : {}), closedAt: context.now },
    },
    ...cancelOpenDeadlines(state.deadlines, 'referral closed'),
  ];
}
