import { endOfLondonDay } from '@casetrail/workflow';
import { cpwCpnCaseType } from './cpw-cpn.definition';
import {
  at,
  CASE_ID,
  cpwCpnSpec,
  DATES,
  issueCpw,
  recordBreach,
  reviewConduct,
  withBreach,
  withCpn,
  withCpw,
  withFpn,
  withOpened,
} from './testing/cpw-cpn.fixtures';

const spec = cpwCpnSpec();
const close = (outcome: 'conduct-stopped' | 'cpn-quashed' | 'enforcement-concluded' = 'enforcement-concluded') =>
  ({ type: 'CloseEscalation', data: { outcome, note: 'Agreed at the CSU meeting.' } }) as const;

describe('CPW -> CPN: commands the stage does not allow', () => {
  it('refuses a warning before the escalation is opened, naming the stage and command', () => {
    spec
      .given([])
      .when(issueCpw(), { now: at(DATES.cpwIssued) })
      .thenThrows('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'awaiting-open', command: 'IssueCpw' });
  });

  it('refuses a breach before there is a notice', () => {
    spec
      .given(withCpw().events)
      .when(recordBreach('2025-01-11'), { now: at('2025-01-12') })
      .thenThrows('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE', { stage: 'cpw-issued', command: 'RecordBreach' });
  });
});

describe('CPW -> CPN: the time-to-comply deadline firing', () => {
  it('records the deadline as missed, and nothing else', () => {
    const expire = {
      type: 'ExpireDeadline',
      data: { deadlineId: `${CASE_ID}/CPW_TIME_TO_COMPLY`, dueAt: endOfLondonDay(DATES.complyBy) },
    } as const;
    spec.given(withCpw().events).when(expire, { now: at('2025-01-25') }).then([
      {
        type: 'DeadlineMissed',
        data: {
          deadlineId: `${CASE_ID}/CPW_TIME_TO_COMPLY`,
          rule: 'CPW_TIME_TO_COMPLY',
          dueAt: endOfLondonDay(DATES.complyBy),
          missedAt: at('2025-01-25'),
        },
      },
    ]);
  });
});

describe('CPW -> CPN: closing the escalation', () => {
  it('closes when the warning worked', () => {
    const worked = withCpw().run(reviewConduct(false), at('2025-01-25'));
    spec.given(worked.events).when(close('conduct-stopped'), { now: at('2025-02-01') }).then([
      {
        type: 'EscalationClosed',
        data: { closedAt: at('2025-02-01'), outcome: 'conduct-stopped', note: 'Agreed at the CSU meeting.' },
      },
    ]);
  });

  it('cancels deadlines still open at closure', () => {
    spec.given(withCpn().events).when(close(), { now: at('2025-03-01') }).then((events) =>
      expect(events.filter((e) => e.type === 'DeadlineCancelled').map((e) => e.data)).toEqual([
        { deadlineId: `${CASE_ID}/CPN_APPEAL_WINDOW`, reason: 'escalation closed' },
        { deadlineId: `${CASE_ID}/CPN_EXPIRY`, reason: 'escalation closed' },
      ]),
    );
  });

  it('is refused while a fixed penalty is still payable', () => {
    spec.given(withFpn().events).when(close(), { now: at('2025-03-26') }).thenThrows('ESCALATION_HAS_PENDING_ENFORCEMENT', {
      breachNumber: 1,
    });
  });

  it('is allowed once the payment period has ended', () => {
    spec
      .given(withFpn().events)
      .when(close(), { now: at('2025-03-27') })
      .then((events) => expect(events[0]?.type).toBe('EscalationClosed'));
  });

  it('is refused while a prosecution awaits its outcome', () => {
    const prosecuted = withBreach().run({ type: 'StartProsecution', data: { breachNumbers: [1], court: 'Medway Magistrates' } }, at('2025-03-12'));
    spec.given(prosecuted.events).when(close(), { now: at('2025-04-01') }).thenThrows('ESCALATION_HAS_PENDING_ENFORCEMENT', {
      prosecutionNumber: 1,
    });
  });

  it('is allowed after the notice was quashed, whatever enforcement had begun', () => {
    const quashed = withCpn()
      .run({ type: 'LodgeAppeal', data: { lodgedOn: '2025-02-20' } }, at('2025-02-20'))
      .run(recordBreach('2025-02-25'), at('2025-02-26'))
      .run({ type: 'StartProsecution', data: { breachNumbers: [1], court: 'Medway Magistrates' } }, at('2025-02-27'))
      .run({ type: 'RecordAppealOutcome', data: { outcome: 'quashed', decidedOn: '2025-03-14' } }, at('2025-03-14'));
    spec
      .given(quashed.events)
      .when(close('cpn-quashed'), { now: at('2025-03-15') })
      .then((events) => expect(events[0]?.type).toBe('EscalationClosed'));
  });

  it('leaves a closed escalation refusing everything but a late deadline, which changes nothing', () => {
    const closed = withOpened().run(close('conduct-stopped'), at('2025-01-07'));
    spec.given(closed.events).when(close(), { now: at('2025-01-08') }).thenThrows('CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE', {
      stage: 'closed',
    });
    spec
      .given(closed.events)
      .when({ type: 'ExpireDeadline', data: { deadlineId: `${CASE_ID}/CPW_TIME_TO_COMPLY`, dueAt: at('2025-01-08') } }, { now: at('2025-02-01') })
      .then([]);
    expect(cpwCpnCaseType.allowedCommands(closed.state)).toEqual(['ExpireDeadline']);
  });
});

describe("CPW -> CPN: the borough's year, end to end", () => {
  it('warning, notice, breach, unpaid penalty, prosecution, closure, with the summary a list would show', () => {
    const journey = withFpn()
      .run({ type: 'StartProsecution', data: { breachNumbers: [1], court: 'Medway Magistrates' } }, at('2025-03-27'))
      .run(
        {
          type: 'RecordProsecutionOutcome',
          data: {
            result: 'guilty',
            prosecutionNumber: 1,
            decidedOn: '2025-05-20',
            charges: 5,
            finePerChargePence: 10_000,
            costsPence: 8_500,
            victimSurchargePence: 3_000,
          },
        },
        at('2025-05-20'),
      )
      .run(close(), at('2025-05-21'));

    expect(journey.events.map((e) => e.type)).toEqual([
      'EscalationOpened',
      'CpwIssued',
      'DeadlineScheduled',
      'ConductAfterWarningRecorded',
      'DeadlineMet',
      'CpnIssued',
      'DeadlineScheduled',
      'DeadlineScheduled',
      'BreachRecorded',
      'FpnIssued',
      'DeadlineScheduled',
      'FpnUnpaid',
      'ProsecutionStarted',
      'ProsecutionConcluded',
      'EscalationClosed',
      'DeadlineCancelled',
      'DeadlineCancelled',
      'DeadlineCancelled',
    ]);
    expect(cpwCpnCaseType.summarise(journey.state)).toEqual({
      stage: 'closed',
      agencies: ['tmbc'],
      restricted: false,
      openedAt: at(DATES.opened),
      closedAt: at('2025-05-21'),
      keyFacts: {
        recipientKind: 'individual',
        asbCaseId: 'asb-7c1d',
        cpwIssuedOn: DATES.cpwIssued,
        complyBy: DATES.complyBy,
        conductAfterWarning: 'continued',
        cpnIssuedOn: DATES.cpnIssued,
        appealDeadline: DATES.appealDeadline,
        appeal: 'none',
        cpnInForceUntil: DATES.cpnInForceUntil,
        breaches: 1,
        fpnStatus: 'unpaid',
        prosecutions: 1,
        outcome: 'enforcement-concluded',
      },
    });
  });
});
