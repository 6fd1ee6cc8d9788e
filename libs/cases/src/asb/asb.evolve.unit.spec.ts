import { asbDecider } from './asb.decider';
import { AsbEvent } from './asb.events';
import { AsbState } from './asb.state';
import { asbReported, incidentLogged } from './testing/asb-fixtures';

/** Freezes the state and everything it holds: a write to any of it then throws (specs run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

const reduce = (state: AsbState, events: AsbEvent[]) => events.reduce(asbDecider.evolve, state);

describe('ASB evolveAll (one fold of many events)', () => {
  const agencies = ['tmbc', 'kent-police', 'town-housing'];
  const events: AsbEvent[] = [
    asbReported(),
    ...Array.from({ length: 300 }, (_, n) => incidentLogged({ incidentId: `i${n}`, reportingAgency: agencies[n % 3]! })),
    // A second log of an incident replaces it where it was, as evolve does.
    incidentLogged({ incidentId: 'i7', description: 'Logged again with more detail' }),
  ];

  it('gives the same state as reducing with evolve', () => {
    const folded = asbDecider.evolveAll!(asbDecider.initialState(), events);
    expect(folded).toEqual(reduce(asbDecider.initialState(), events));
    expect(folded.stage === 'reported' && Object.keys(folded.incidents)).toHaveLength(300);
    expect(folded.stage === 'reported' && folded.incidents.i7!.description).toBe('Logged again with more detail');
  });

  it('never changes the state it is given, and later folds from that state do not see each other', () => {
    const given = deepFreeze(reduce(asbDecider.initialState(), events.slice(0, 100)));
    const snapshot = structuredClone(given);
    const onePath = asbDecider.evolveAll!(given, events.slice(100, 200));
    const otherPath = asbDecider.evolveAll!(given, [incidentLogged({ incidentId: 'other' })]);
    expect(given).toEqual(snapshot);
    expect(onePath).toEqual(reduce(given, events.slice(100, 200)));
    expect(otherPath.stage === 'reported' && Object.keys(otherPath.incidents)).toEqual([...Object.keys(snapshot.stage === 'reported' ? snapshot.incidents : {}), 'other']);
    expect(onePath.stage === 'reported' && onePath.incidents.other).toBeUndefined();
  });
});
