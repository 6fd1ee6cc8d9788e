import { DecisionContext } from '@casetrail/workflow';
import { CommandOf } from './da-referral.commands';
import { DaReferralEvent } from './da-referral.events';
import { StateIn } from './da-referral.state';

// ---- RestrictToNameAndAgencies -----------------------------------------------------------

/** Locking down twice changes nothing, so the second request is a no-op rather than an error. */
export function decideRestrictToNameAndAgencies(
  command: CommandOf<'RestrictToNameAndAgencies'>,
  state: StateIn<'received' | 'assessed' | 'marac-referred' | 'contact' | 'closed'>,
  context: DecisionContext,
): DaReferralEvent[] {
  if (state.lockedToNameAndAgencies) return [];
  return [{ type: 'RestrictedToNameAndAgencies', data: { reason: command.data.reason, restrictedAt: context.now } }];
}
