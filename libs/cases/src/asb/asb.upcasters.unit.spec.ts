import { UpcasterRegistry } from '@casetrail/workflow';
import { asbCaseType } from './asb.definition';
import { asbDecider } from './asb.decider';
import { ASB_REPORTED_VERSION, AsbEvent, AsbReportedData } from './asb.events';
import { OPENED_AT, asbReported, reportAsb, spec } from './testing/asb-fixtures';

/** AsbReported as version 1 wrote it, before a person victim's name was split. */
const storedV1 = {
  type: 'AsbReported',
  schemaVersion: 1,
  data: {
    openedAt: '2024-11-04T10:15:00Z',
    category: 'harassment',
    reportingAgency: 'tmbc',
    victims: [
      { kind: 'person', name: 'Mary Ann  Smith', contact: { phone: '07700 900456' } },
      { kind: 'person', name: 'Cher', contact: {} },
      { kind: 'business', name: 'Corner Shop Ltd', contact: { address: '1 High Street' } },
    ],
    location: { address: '1 High Street, Tonbridge' },
    perpetrators: [],
    repeatOf: [],
  },
};

describe('AsbReported v1 -> v2 upcaster', () => {
  const registry = new UpcasterRegistry(asbCaseType.upcasters);

  it('reads a stored v1 event as v2: the last word is the family name, a single word the family name alone', () => {
    const current = registry.upcast(storedV1);
    expect(current.schemaVersion).toBe(2);
    expect(current.data).toEqual({
      ...storedV1.data,
      victims: [
        { kind: 'person', givenName: 'Mary Ann', familyName: 'Smith', contact: { phone: '07700 900456' } },
        { kind: 'person', givenName: '', familyName: 'Cher', contact: {} },
        { kind: 'business', name: 'Corner Shop Ltd', contact: { address: '1 High Street' } },
      ],
    });
    expect(AsbReportedData.safeParse(current.data).success).toBe(true);
  });

  it('hands the upcast event to the decider, which folds it into a reported case', () => {
    const current = registry.upcast(storedV1);
    const event = { type: 'AsbReported', schemaVersion: current.schemaVersion, data: AsbReportedData.parse(current.data) } satisfies AsbEvent;
    const state = asbDecider.evolve(asbDecider.initialState(), event);
    expect(state).toMatchObject({
      stage: 'reported',
      category: 'harassment',
      victims: [{ givenName: 'Mary Ann', familyName: 'Smith' }, { givenName: '', familyName: 'Cher' }, { name: 'Corner Shop Ltd' }],
    });
  });

  it('leaves a v2 event as it is, and v2 is the version the decider writes', () => {
    const v2 = asbReported();
    expect(registry.upcast({ ...v2, schemaVersion: 2 })).toEqual(v2);
    expect(registry.currentVersion('AsbReported')).toBe(ASB_REPORTED_VERSION);
    spec.given([]).when(reportAsb(), { now: OPENED_AT }).then((events) => expect(events[0]?.schemaVersion).toBe(ASB_REPORTED_VERSION));
  });
});
