import { endOfLondonDay } from '@casetrail/workflow';
import { cpwCpnDecider } from './cpw-cpn.decider';
import { CpwCpnEvent } from './cpw-cpn.events';
import {
  at,
  CASE_ID,
  council,
  cpwCpnPolicyTable,
  cpwCpnSpec,
  DATES,
  issueCpn,
  recordBreach,
  reviewConduct,
  withContinuedConduct,
  withCpn,
  withCpw,
  withOpened,
} from './testing/cpw-cpn.fixtures';

const spec = cpwCpnSpec();
const appeal = (lodgedOn: string) => ({ type: 'LodgeAppeal', data: { lodgedOn } }) as const;
const withAppeal = () => withCpn().run(appeal('2025-02-20'), at('2025-02-20'));

describe('CPW -> CPN: issuing the Community Protection Notice (s43(5), s43(6))', () => {
  it("repeats the warning's requirements and records the appeal deadline, expiry and policy applied", () => {
    spec.given(withContinuedConduct().events).when(issueCpn(), { now: at(DATES.cpnIssued) }).then([
      {
        type: 'CpnIssued',
        data: {
          issuedAt: at(DATES.cpnIssued),
          issuedOn: DATES.cpnIssued,
          issuer: council,
          requirements: [
            { requirementId: 'R1', kind: 'stop', text: 'Stop playing amplified music in the garden after 11pm.' },
            { requirementId: 'R2', kind: 'do', text: 'Remove the speakers from the garden within 7 days.' },
          ],
          appropriateBodiesInformed: [{ body: 'kent-police', informedOn: '2025-01-30' }],
          appealDeadline: DATES.appealDeadline,
          inForceUntil: DATES.cpnInForceUntil,
          policyApplied: [
            {
              key: 'cpw-cpn.appealDays',
              value: 21,
              effectiveFrom: '2014-10-20',
              source: 'Anti-social Behaviour, Crime and Policing Act 2014 s46(2)',
            },
            { key: 'cpw-cpn.cpnDurationMonths', value: 12, effectiveFrom: '2014-10-20', source: 'local convention' },
          ],
        },
      },
      {
        type: 'DeadlineScheduled',
        data: {
          deadlineId: `${CASE_ID}/CPN_APPEAL_WINDOW`,
          rule: 'CPN_APPEAL_WINDOW',
          dueAt: endOfLondonDay(DATES.appealDeadline),
          applied: { 'cpw-cpn.appealDays': 21 },
        },
      },
      {
        type: 'DeadlineScheduled',
        data: {
          deadlineId: `${CASE_ID}/CPN_EXPIRY`,
          rule: 'CPN_EXPIRY',
          dueAt: endOfLondonDay(DATES.cpnInForceUntil),
          applied: { 'cpw-cpn.cpnDurationMonths': 12 },
        },
      },
    ]);
  });

  it('refuses a notice with no warning before it', () => {
    spec
      .given(withOpened().events)
      .when(issueCpn(), { now: at(DATES.cpnIssued) })
      .thenThrows('CPN_REQUIRES_EXPIRED_CPW', { warning: 'none' });
  });

  it("refuses a notice on the last day of the warning's time to comply", () => {
    spec
      .given(withCpw().events)
      .when(issueCpn(), { now: at(DATES.complyBy) })
      .thenThrows('CPN_REQUIRES_EXPIRED_CPW', { complyBy: DATES.complyBy });
  });

  it('refuses a notice after the time to comply when no review found the conduct continuing', () => {
    spec
      .given(withCpw().events)
      .when(issueCpn(), { now: at('2025-01-25') })
      .thenThrows('CPN_REQUIRES_CONTINUED_CONDUCT', { conduct: 'awaiting-review' });
  });

  it('refuses a notice when the review found the warning worked', () => {
    spec
      .given(withCpw().run(reviewConduct(false), at(DATES.reviewed)).events)
      .when(issueCpn(), { now: at(DATES.cpnIssued) })
      .thenThrows('CPN_REQUIRES_CONTINUED_CONDUCT', { conduct: 'stopped' });
  });

  it('accepts a notice on the last day the warning is in force', () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn({ appropriateBodiesInformed: [{ body: 'kent-police', informedOn: '2025-07-01' }] }), {
        now: at(DATES.cpwInForceUntil),
      })
      .then((events) => expect(events[0]?.type).toBe('CpnIssued'));
  });

  it('refuses a notice the day after the warning lapsed, even before the lapse is recorded', () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn(), { now: at('2025-07-10') })
      .thenThrows('CPW_LAPSED', { inForceUntil: DATES.cpwInForceUntil });
  });

  it('refuses a notice once the lapse is recorded', () => {
    spec
      .given(withContinuedConduct().run({ type: 'LapseCpw', data: {} }, at('2025-07-10')).events)
      .when(issueCpn(), { now: at('2025-07-11') })
      .thenThrows('CPW_LAPSED');
  });

  it('refuses a requirement the warning did not contain, naming it', () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn({ requirementIds: ['R1', 'R9'] }), { now: at(DATES.cpnIssued) })
      .thenThrows('CPN_REQUIREMENT_NOT_IN_WARNING', { requirementId: 'R9' });
  });

  it("accepts a subset of the warning's requirements", () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn({ requirementIds: ['R2'] }), { now: at(DATES.cpnIssued) })
      .then((events) => expect(cpnIssued(events).requirements.map((r) => r.requirementId)).toEqual(['R2']));
  });

  it('refuses a notice when no appropriate body was informed', () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn({ appropriateBodiesInformed: [] }), { now: at(DATES.cpnIssued) })
      .thenThrows('CPN_APPROPRIATE_BODIES_NOT_INFORMED');
  });

  it('refuses a body recorded as informed after the issue date', () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn({ appropriateBodiesInformed: [{ body: 'clarion-housing', informedOn: '2025-02-04' }] }), {
        now: at(DATES.cpnIssued),
      })
      .thenThrows('CPN_APPROPRIATE_BODIES_NOT_INFORMED', { body: 'clarion-housing' });
  });

  it('accepts a body informed on the issue date', () => {
    spec
      .given(withContinuedConduct().events)
      .when(issueCpn({ appropriateBodiesInformed: [{ body: 'clarion-housing', informedOn: DATES.cpnIssued }] }), {
        now: at(DATES.cpnIssued),
      })
      .then((events) => expect(events[0]?.type).toBe('CpnIssued'));
  });

  it('allows one notice per escalation', () => {
    spec
      .given(withCpn().events)
      .when(issueCpn(), { now: at('2025-02-04') })
      .thenThrows('CPN_ALREADY_ISSUED', { issuedOn: DATES.cpnIssued });
  });

  it('takes the appeal period and the duration from the policy in force on the issue date', () => {
    const policy = cpwCpnPolicyTable({
      add: {
        appealDays: [{ effectiveFrom: '2025-02-01', value: 28 }],
        cpnDurationMonths: [{ effectiveFrom: '2025-02-01', value: 6 }],
      },
    });
    cpwCpnSpec(policy)
      .given(withContinuedConduct(policy).events)
      .when(issueCpn(), { now: at(DATES.cpnIssued) })
      .then((events) => expect(cpnIssued(events)).toMatchObject({ appealDeadline: '2025-03-02', inForceUntil: '2025-08-02' }));
  });
});

describe('CPW -> CPN: appeal to the magistrates court (s46)', () => {
  it('accepts an appeal lodged on day 21 of the period that begins with the day of issue, suspending "do" requirements', () => {
    spec.given(withCpn().events).when(appeal(DATES.appealDeadline), { now: at('2025-02-24') }).then([
      { type: 'AppealLodged', data: { recordedAt: at('2025-02-24'), lodgedOn: DATES.appealDeadline, suspendedRequirementIds: ['R2'] } },
      { type: 'DeadlineMet', data: { deadlineId: `${CASE_ID}/CPN_APPEAL_WINDOW`, metAt: at('2025-02-24') } },
    ]);
  });

  it('refuses an appeal lodged on day 22', () => {
    spec
      .given(withCpn().events)
      .when(appeal('2025-02-24'), { now: at('2025-02-24') })
      .thenThrows('CPN_APPEAL_OUT_OF_TIME', { lodgedOn: '2025-02-24', appealDeadline: DATES.appealDeadline });
  });

  it('refuses a lodging date after today', () => {
    spec.given(withCpn().events).when(appeal('2025-02-11'), { now: at('2025-02-10') }).thenThrows('DATE_IN_THE_FUTURE', {
      field: 'lodgedOn',
    });
  });

  it('refuses a lodging date before the notice was issued', () => {
    spec.given(withCpn().events).when(appeal('2025-02-02'), { now: at('2025-02-10') }).thenThrows('DATE_OUT_OF_ORDER', {
      field: 'lodgedOn',
      notBefore: DATES.cpnIssued,
    });
  });

  it('keeps "stop" requirements in force and suspends the others while the appeal runs', () => {
    expect(withAppeal().state).toMatchObject({
      stage: 'cpn-under-appeal',
      cpn: {
        requirements: [
          { requirementId: 'R1', status: 'in-force' },
          { requirementId: 'R2', status: 'suspended' },
        ],
      },
    });
  });

  it('allows one appeal', () => {
    const dismissed = withAppeal().run({ type: 'RecordAppealOutcome', data: { outcome: 'dismissed', decidedOn: '2025-03-14' } }, at('2025-03-14'));
    spec.given(dismissed.events).when(appeal('2025-02-21'), { now: at('2025-03-15') }).thenThrows('CPN_APPEAL_ALREADY_LODGED');
  });

  describe('the outcome', () => {
    it('quashed: the notice ends and its deadlines are cancelled', () => {
      const given = withAppeal();
      const events = spec
        .given(given.events)
        .when({ type: 'RecordAppealOutcome', data: { outcome: 'quashed', decidedOn: '2025-03-14' } }, { now: at('2025-03-14') })
        .then([
          { type: 'AppealDecided', data: { recordedAt: at('2025-03-14'), decidedOn: '2025-03-14', outcome: 'quashed' } },
          { type: 'DeadlineCancelled', data: { deadlineId: `${CASE_ID}/CPN_EXPIRY`, reason: 'notice quashed on appeal' } },
        ]);
      const after = events.reduce(cpwCpnDecider.evolve, given.state);
      expect(after.stage).toBe('cpn-quashed');
      spec.given([...given.events, ...events]).when(recordBreach('2025-03-15'), { now: at('2025-03-16') }).thenThrows(
        'CPW_CPN_COMMAND_NOT_ALLOWED_IN_STAGE',
        { stage: 'cpn-quashed', command: 'RecordBreach' },
      );
    });

    it('modified: the new texts replace the old and every requirement is back in force', () => {
      const modified = withAppeal().run(
        {
          type: 'RecordAppealOutcome',
          data: {
            outcome: 'modified',
            decidedOn: '2025-03-14',
            modifiedRequirements: [{ requirementId: 'R2', text: 'Remove the speakers from the garden within 28 days.' }],
          },
        },
        at('2025-03-14'),
      );
      expect(modified.state).toMatchObject({
        stage: 'cpn-in-force',
        cpn: {
          appeal: { status: 'decided', outcome: 'modified', lodgedOn: '2025-02-20', decidedOn: '2025-03-14' },
          requirements: [
            { requirementId: 'R1', status: 'in-force', text: 'Stop playing amplified music in the garden after 11pm.' },
            { requirementId: 'R2', status: 'in-force', text: 'Remove the speakers from the garden within 28 days.' },
          ],
        },
      });
    });

    it('modified: refuses a requirement the notice does not contain', () => {
      spec
        .given(withAppeal().events)
        .when(
          {
            type: 'RecordAppealOutcome',
            data: { outcome: 'modified', decidedOn: '2025-03-14', modifiedRequirements: [{ requirementId: 'R7', text: 'x' }] },
          },
          { now: at('2025-03-14') },
        )
        .thenThrows('APPEAL_MODIFIES_REQUIREMENT_NOT_IN_NOTICE', { requirementId: 'R7' });
    });

    it('dismissed: every requirement is back in force', () => {
      const dismissed = withAppeal().run({ type: 'RecordAppealOutcome', data: { outcome: 'dismissed', decidedOn: '2025-03-14' } }, at('2025-03-14'));
      expect(dismissed.state).toMatchObject({
        stage: 'cpn-in-force',
        cpn: { requirements: [{ status: 'in-force' }, { status: 'in-force' }] },
      });
    });

    it('refuses a decision dated before the appeal was lodged', () => {
      spec
        .given(withAppeal().events)
        .when({ type: 'RecordAppealOutcome', data: { outcome: 'dismissed', decidedOn: '2025-02-19' } }, { now: at('2025-03-14') })
        .thenThrows('DATE_OUT_OF_ORDER', { field: 'decidedOn', notBefore: '2025-02-20' });
    });

    it('refuses a decision dated after today', () => {
      spec
        .given(withAppeal().events)
        .when({ type: 'RecordAppealOutcome', data: { outcome: 'dismissed', decidedOn: '2025-03-15' } }, { now: at('2025-03-14') })
        .thenThrows('DATE_IN_THE_FUTURE', { field: 'decidedOn' });
    });
  });
});

describe('CPW -> CPN: the notice expires (local convention)', () => {
  it('is refused on the last day the notice is in force', () => {
    spec
      .given(withCpn().events)
      .when({ type: 'ExpireCpn', data: {} }, { now: at(DATES.cpnInForceUntil) })
      .thenThrows('CPN_NOT_YET_EXPIRED', { inForceUntil: DATES.cpnInForceUntil });
  });

  it('expires the day after, meeting the expiry deadline', () => {
    spec.given(withCpn().events).when({ type: 'ExpireCpn', data: {} }, { now: at('2026-02-03') }).then([
      { type: 'CpnExpired', data: { expiredAt: at('2026-02-03'), inForceUntil: DATES.cpnInForceUntil } },
      { type: 'DeadlineMet', data: { deadlineId: `${CASE_ID}/CPN_EXPIRY`, metAt: at('2026-02-03') } },
    ]);
  });

  const expiryFires = { type: 'ExpireDeadline', data: { deadlineId: `${CASE_ID}/CPN_EXPIRY`, dueAt: endOfLondonDay(DATES.cpnInForceUntil) } } as const;

  it('expires when the expiry deadline fires after the last day, rather than recording a miss', () => {
    spec.given(withCpn().events).when(expiryFires, { now: '2026-02-03T00:00:02.000Z' }).then([
      { type: 'CpnExpired', data: { expiredAt: '2026-02-03T00:00:02.000Z', inForceUntil: DATES.cpnInForceUntil } },
      { type: 'DeadlineMet', data: { deadlineId: `${CASE_ID}/CPN_EXPIRY`, metAt: '2026-02-03T00:00:02.000Z' } },
    ]);
  });

  it('does nothing when the expiry deadline fires before it is due', () => {
    spec.given(withCpn().events).when(expiryFires, { now: at(DATES.cpnInForceUntil) }).then([]);
  });
});

function cpnIssued(events: CpwCpnEvent[]) {
  const event = events.find((e) => e.type === 'CpnIssued');
  if (event?.type !== 'CpnIssued') throw new Error('no CpnIssued event');
  return event.data;
}
