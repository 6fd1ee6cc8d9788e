import { endOfLondonDay } from '@casetrail/workflow';
import { CpwCpnEvent } from './cpw-cpn.events';
import {
  at,
  CASE_ID,
  council,
  cpwCpnPolicyTable,
  cpwCpnSpec,
  DATES,
  history,
  issueCpw,
  openBody,
  openIndividual,
  reviewConduct,
  withCpw,
  withOpened,
} from './testing/cpw-cpn.fixtures';

const spec = cpwCpnSpec();

describe('CPW -> CPN: opening the escalation', () => {
  it('records the recipient, the conduct, the linked ASB case and the opening agency', () => {
    spec.given([]).when(openIndividual(), { now: at(DATES.opened) }).then([
      {
        type: 'EscalationOpened',
        data: {
          openedAt: at(DATES.opened),
          agency: 'tmbc',
          asbCaseId: 'asb-7c1d',
          recipient: { kind: 'individual', name: 'Alex Example', dateOfBirth: '1990-05-17', address: '12 Acacia Avenue, Tonbridge' },
          conduct: { narrative: 'Loud music from the garden most nights after 11pm since June.' },
        },
      },
    ]);
  });

  it('refuses a date of birth after today', () => {
    spec.given([]).when(openIndividual('2025-01-07'), { now: at(DATES.opened) }).thenThrows('DATE_IN_THE_FUTURE', {
      field: 'dateOfBirth',
    });
  });

  it('cannot be opened twice', () => {
    spec
      .given(withOpened().events)
      .when(openIndividual(), { now: at(DATES.opened) })
      .thenThrows('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'opened', command: 'OpenEscalation' });
  });

  it('takes a date of birth learnt after opening', () => {
    const opened = history().run(openIndividual(null), at(DATES.opened));
    spec
      .given(opened.events)
      .when({ type: 'RecordRecipientDateOfBirth', data: { dateOfBirth: '2001-02-03' } }, { now: at('2025-01-07') })
      .then([{ type: 'RecipientDateOfBirthRecorded', data: { recordedAt: at('2025-01-07'), dateOfBirth: '2001-02-03' } }]);
  });

  it('refuses a date of birth for a body', () => {
    spec
      .given(history().run(openBody(), at(DATES.opened)).events)
      .when({ type: 'RecordRecipientDateOfBirth', data: { dateOfBirth: '2001-02-03' } }, { now: at('2025-01-07') })
      .thenThrows('RECIPIENT_NOT_AN_INDIVIDUAL');
  });
});

describe('CPW -> CPN: issuing the Community Protection Warning (s43)', () => {
  it('records the s43 test, the requirements, the time to comply, the lapse date and the policy applied', () => {
    spec.given(withOpened().events).when(issueCpw(), { now: at(DATES.cpwIssued) }).then([
      {
        type: 'CpwIssued',
        data: {
          issuedAt: at(DATES.cpwIssued),
          issuedOn: DATES.cpwIssued,
          issuer: council,
          s43Test: issueCpwData().s43Test,
          requirements: issueCpwData().requirements,
          complyBy: DATES.complyBy,
          statesCpnWillFollow: true,
          inForceUntil: DATES.cpwInForceUntil,
          recipientAgeOnIssue: 34,
          policyApplied: [
            {
              key: 'cpw-cpn.minimumRecipientAge',
              value: 16,
              effectiveFrom: '2014-10-20',
              source: 'Anti-social Behaviour, Crime and Policing Act 2014 s43(1)',
            },
            { key: 'cpw-cpn.cpwLapseMonths', value: 6, effectiveFrom: '2014-10-20', source: 'local convention' },
          ],
        },
      },
      {
        type: 'DeadlineScheduled',
        data: { deadlineId: `${CASE_ID}/CPW_TIME_TO_COMPLY`, rule: 'CPW_TIME_TO_COMPLY', dueAt: endOfLondonDay(DATES.complyBy) },
      },
    ]);
  });

  describe('the recipient is 16 or over on the London date of issue', () => {
    const openedBornOn = (dateOfBirth: string) => history().run(openIndividual(dateOfBirth), at(DATES.opened)).events;

    it('refuses someone aged 15 years 364 days', () => {
      spec
        .given(openedBornOn('2009-01-11'))
        .when(issueCpw(), { now: at(DATES.cpwIssued) })
        .thenThrows('CPW_RECIPIENT_UNDER_16', { ageOnIssue: 15, minimumAge: 16 });
    });

    it('accepts someone on their 16th birthday', () => {
      spec
        .given(openedBornOn('2009-01-10'))
        .when(issueCpw(), { now: at(DATES.cpwIssued) })
        .then((events) => expect(issued(events).recipientAgeOnIssue).toBe(16));
    });

    it('counts the birthday on the London date, not the UTC one (23:30 UTC in summer is the next day)', () => {
      spec
        .given(openedBornOn('2009-07-01'))
        .when(issueCpw({ timeToComply: { kind: 'days', days: 7 } }), { now: '2025-06-30T23:30:00.000Z' })
        .then((events) => expect(issued(events)).toMatchObject({ issuedOn: '2025-07-01', recipientAgeOnIssue: 16 }));
    });

    it('refuses an individual whose date of birth is not recorded', () => {
      spec
        .given(history().run(openIndividual(null), at(DATES.opened)).events)
        .when(issueCpw(), { now: at(DATES.cpwIssued) })
        .thenThrows('CPW_RECIPIENT_AGE_UNKNOWN');
    });

    it('accepts a body, with no age and no age policy applied', () => {
      spec
        .given(history().run(openBody(), at(DATES.opened)).events)
        .when(issueCpw(), { now: at(DATES.cpwIssued) })
        .then((events) => {
          expect(issued(events).recipientAgeOnIssue).toBeNull();
          expect(issued(events).policyApplied.map((p) => p.key)).toEqual(['cpw-cpn.cpwLapseMonths']);
        });
    });

    it('takes the minimum age from policy', () => {
      const olderAge = cpwCpnPolicyTable({ replace: { minimumRecipientAge: [{ effectiveFrom: '2014-10-20', value: 18 }] } });
      cpwCpnSpec(olderAge)
        .given(openedBornOn('2008-01-11'))
        .when(issueCpw(), { now: at(DATES.cpwIssued) })
        .thenThrows('CPW_RECIPIENT_UNDER_16', { ageOnIssue: 16, minimumAge: 18 });
    });
  });

  it.each(['detrimentalEffect', 'persistentOrContinuing', 'unreasonable'] as const)(
    'refuses when the s43(1) limb %s is not met, naming it',
    (limb) => {
      const command = issueCpw();
      if (command.type !== 'IssueCpw') throw new Error('fixture');
      const s43Test = { ...command.data.s43Test, [limb]: { met: false, note: 'Not shown on the evidence.' } };
      spec
        .given(withOpened().events)
        .when(issueCpw({ s43Test }), { now: at(DATES.cpwIssued) })
        .thenThrows('CPW_S43_TEST_NOT_MET', { limb });
    },
  );

  it('refuses a warning that does not say a notice will follow', () => {
    spec
      .given(withOpened().events)
      .when(issueCpw({ statesCpnWillFollow: false }), { now: at(DATES.cpwIssued) })
      .thenThrows('CPW_MUST_STATE_CPN_WILL_FOLLOW');
  });

  describe('the time to comply', () => {
    it('refuses a comply-by date of today', () => {
      spec
        .given(withOpened().events)
        .when(issueCpw({ timeToComply: { kind: 'date', complyBy: DATES.cpwIssued } }), { now: at(DATES.cpwIssued) })
        .thenThrows('CPW_TIME_TO_COMPLY_NOT_IN_FUTURE', { complyBy: DATES.cpwIssued });
    });

    it('accepts a comply-by date of tomorrow', () => {
      spec
        .given(withOpened().events)
        .when(issueCpw({ timeToComply: { kind: 'date', complyBy: '2025-01-11' } }), { now: at(DATES.cpwIssued) })
        .then((events) => expect(issued(events).complyBy).toBe('2025-01-11'));
    });

    it('refuses a comply-by date on the last day the warning is in force: no notice could follow', () => {
      spec
        .given(withOpened().events)
        .when(issueCpw({ timeToComply: { kind: 'date', complyBy: DATES.cpwInForceUntil } }), { now: at(DATES.cpwIssued) })
        .thenThrows('CPW_TIME_TO_COMPLY_BEYOND_LAPSE', { inForceUntil: DATES.cpwInForceUntil });
    });

    it('accepts a comply-by date the day before', () => {
      spec
        .given(withOpened().events)
        .when(issueCpw({ timeToComply: { kind: 'date', complyBy: '2025-07-08' } }), { now: at(DATES.cpwIssued) })
        .then((events) => expect(issued(events).complyBy).toBe('2025-07-08'));
    });
  });

  it('takes the lapse period from policy', () => {
    const threeMonths = cpwCpnPolicyTable({ replace: { cpwLapseMonths: [{ effectiveFrom: '2014-10-20', value: 3 }] } });
    cpwCpnSpec(threeMonths)
      .given(withOpened(threeMonths).events)
      .when(issueCpw(), { now: at(DATES.cpwIssued) })
      .then((events) => expect(issued(events).inForceUntil).toBe('2025-04-09'));
  });

  it('cannot be issued twice', () => {
    spec
      .given(withCpw().events)
      .when(issueCpw(), { now: at('2025-01-11') })
      .thenThrows('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'cpw-issued', command: 'IssueCpw' });
  });
});

describe('CPW -> CPN: reviewing the conduct after the warning', () => {
  it('is refused on the last day of the time to comply', () => {
    spec
      .given(withCpw().events)
      .when(reviewConduct(true), { now: at(DATES.complyBy) })
      .thenThrows('CPW_TIME_TO_COMPLY_NOT_PASSED', { complyBy: DATES.complyBy });
  });

  it('is accepted the day after, and meets the warning deadline', () => {
    spec.given(withCpw().events).when(reviewConduct(false), { now: at('2025-01-25') }).then([
      {
        type: 'ConductAfterWarningRecorded',
        data: { recordedAt: at('2025-01-25'), reviewedOn: '2025-01-25', conductContinued: false, note: 'Music heard on three nights since.' },
      },
      { type: 'DeadlineMet', data: { deadlineId: `${CASE_ID}/CPW_TIME_TO_COMPLY`, metAt: at('2025-01-25') } },
    ]);
  });

  it('lets a later review supersede an earlier one', () => {
    const reviewedTwice = withCpw().run(reviewConduct(false), at('2025-01-25')).run(reviewConduct(true), at('2025-02-10'));
    expect(reviewedTwice.state).toMatchObject({ stage: 'cpw-issued', cpw: { conduct: 'continued' } });
  });
});

describe('CPW -> CPN: the warning lapses (local convention)', () => {
  it('is refused on the last day the warning is in force', () => {
    spec
      .given(withCpw().events)
      .when({ type: 'LapseCpw', data: {} }, { now: at(DATES.cpwInForceUntil) })
      .thenThrows('CPW_NOT_YET_LAPSED', { inForceUntil: DATES.cpwInForceUntil });
  });

  it('lapses the day after, cancelling its open deadline', () => {
    spec.given(withCpw().events).when({ type: 'LapseCpw', data: {} }, { now: at('2025-07-10') }).then([
      { type: 'CpwLapsed', data: { lapsedAt: at('2025-07-10'), inForceUntil: DATES.cpwInForceUntil } },
      { type: 'DeadlineCancelled', data: { deadlineId: `${CASE_ID}/CPW_TIME_TO_COMPLY`, reason: 'warning lapsed' } },
    ]);
  });
});

function issueCpwData() {
  const command = issueCpw();
  if (command.type !== 'IssueCpw') throw new Error('fixture');
  return command.data;
}

function issued(events: CpwCpnEvent[]) {
  const event = events.find((e) => e.type === 'CpwIssued');
  if (event?.type !== 'CpwIssued') throw new Error('no CpwIssued event');
  return event.data;
}
