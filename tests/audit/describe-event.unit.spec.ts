import { describeEvent, hasSpecificDescription, reasonOf } from '@casetrail/audit';
import { CASE_TYPES } from '@casetrail/cases';

const by = { actorId: 'officer-7', agency: 'tmbc' };

describe('describing events', () => {
  it('has a sentence of its own for every event type of every case type', () => {
    const missing = CASE_TYPES.flatMap((definition) =>
      Object.keys(definition.events)
        .filter((type) => !hasSpecificDescription(definition.caseType, type))
        .map((type) => `${definition.caseType}/${type}`),
    );
    expect(missing).toEqual([]);
    expect(CASE_TYPES.flatMap((d) => Object.keys(d.events)).length).toBeGreaterThan(50);
  });

  it('says who did what and what follows from it', () => {
    const cpn = describeEvent('cpw-cpn', {
      type: 'CpnIssued',
      data: { issuer: { issuerType: 'council', issuerId: 'officer-7', agency: 'tmbc' }, appealDeadline: '2019-03-12', inForceUntil: '2020-02-19' },
      metadata: by,
    });
    expect(cpn).toEqual({ description: 'CPN issued by officer-7 (tmbc) — appeal window ends 12 Mar 2019, in force until 19 Feb 2020', specific: true });
    expect(describeEvent('asb', { type: 'MediationReferred', data: { mediationType: 'parent-and-teen', provider: 'kent-mediation' }, metadata: by }).description).toBe(
      'Referred to parent and teen mediation with kent-mediation by officer-7 (tmbc)',
    );
  });

  it('gives a deadline its rule in words and its date in London', () => {
    const scheduled = describeEvent('da-referral', {
      type: 'DeadlineScheduled',
      // 23:59 London summer time is 22:59 UTC: the London date is the one shown.
      data: { deadlineId: 'da-referral-x/MARAC_REFERRAL', rule: 'MARAC_REFERRAL', dueAt: '2026-06-01T22:59:59.999Z' },
      metadata: by,
    });
    expect(scheduled.description).toBe('Deadline set: MARAC referral, due by the end of 1 Jun 2026');
  });

  it('falls back to a generic sentence for an unknown type or data it cannot read, without failing', () => {
    expect(describeEvent('asb', { type: 'SomethingNewHappened', data: {}, metadata: by })).toEqual({
      description: 'Something new happened, recorded by officer-7 (tmbc)',
      specific: false,
    });
    expect(describeEvent('cpw-cpn', { type: 'CpnIssued', data: null, metadata: by }).specific).toBe(false);
    expect(describeEvent('no-such-type', { type: 'CaseClosed', data: {}, metadata: by }).specific).toBe(false);
  });

  it('names no victim or perpetrator in a sentence: those stay in the data', () => {
    const reported = describeEvent('asb', {
      type: 'AsbReported',
      data: {
        category: 'noise',
        reportingAgency: 'tmbc',
        victims: [{ kind: 'person', givenName: 'Jane', familyName: 'Doe', contact: {} }],
        perpetrators: [{ perpetratorId: 'p1', familyName: 'Smith' }],
        repeatOf: [],
      },
      metadata: by,
    });
    expect(reported.description).toBe('ASB report (noise) opened by officer-7 (tmbc), reported through tmbc: 1 victim, 1 alleged perpetrator');
    expect(reported.description).not.toMatch(/Jane|Doe|Smith/);
  });
});

describe('the reason given', () => {
  it('is found under the names events give it', () => {
    expect(reasonOf({ reason: 'Witness fears reprisals' })).toBe('Witness fears reprisals');
    expect(reasonOf({ resolutionSummary: 'Behaviour stopped' })).toBe('Behaviour stopped');
    expect(reasonOf({ notes: 'Safe after 6pm' })).toBe('Safe after 6pm');
    expect(reasonOf({ judgement: { raised: true, reasons: 'Strangulation disclosed' } })).toBe('Strangulation disclosed');
    expect(reasonOf({ discretionaryDecision: { met: false, reasons: { persistence: 'Weeks apart', adequacyOfResponse: 'Visited in 2 days' } } })).toBe(
      'persistence: Weeks apart; adequacy of response: Visited in 2 days',
    );
  });

  it('is null when none was given', () => {
    expect(reasonOf({ level: 'high' })).toBeNull();
    expect(reasonOf({ reason: '  ' })).toBeNull();
    expect(reasonOf(null)).toBeNull();
  });
});
