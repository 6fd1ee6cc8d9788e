import { BankHolidayCalendar } from '../bank-holiday-calendar';
import { Actor, DecisionContext, Decider, DomainCommand, DomainEvent, DomainRuleError, PolicyLookup } from '../decider';

/**
 * Given/when/then for deciders (Emmett's DeciderSpecification):
 *   spec.given(events).when(command, { now }).then(events)  or  .thenThrows('RULE_CODE')
 */
export function deciderSpec<C extends DomainCommand, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  defaults: { caseId: string; policy: PolicyLookup; calendar?: DecisionContext['calendar']; actor?: Actor },
) {
  const context = (now: string, overrides: Partial<DecisionContext> = {}): DecisionContext => ({
    caseId: defaults.caseId,
    now,
    actor: defaults.actor ?? { id: 'officer-1', role: 'caseworker', agency: 'tmbc' },
    policy: defaults.policy,
    calendar: defaults.calendar ?? new BankHolidayCalendar({}),
    ...overrides,
  });
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: C, at: { now: string } & Partial<DecisionContext>) {
          const { now, ...overrides } = at;
          const run = () => decider.decide(command, state, context(now, overrides));
          return {
            then(expected: E[] | ((events: E[]) => void)) {
              const produced = run();
              if (typeof expected === 'function') expected(produced);
              else expect(produced).toEqual(expected);
              // Whatever decide accepts must fold.
              produced.reduce(decider.evolve, state);
              return produced;
            },
            thenThrows(code: string, details?: Record<string, unknown>) {
              let error: unknown;
              try {
                run();
              } catch (caught) {
                error = caught;
              }
              expect(error).toBeInstanceOf(DomainRuleError);
              expect((error as DomainRuleError).code).toBe(code);
              if (details) expect((error as DomainRuleError).details).toMatchObject(details);
            },
          };
        },
      };
    },
  };
}
