import { AsbCommand } from './asb.commands';
import { escalatedCase, investigatingCase, spec, triagedCase } from './testing/asb-fixtures';

describe('ASB investigation actions', () => {
  const now = '2025-03-20T10:00:00Z';
  const at = { now };
  const parties = [
    { role: 'perpetrator' as const, name: 'Sam Jones' },
    { role: 'council' as const, name: 'ASB officer, TMBC' },
  ];

  it('issues a warning letter to a recorded alleged perpetrator', () => {
    spec
      .given(investigatingCase)
      .when({ type: 'IssueWarningLetter', data: { perpetratorId: 'p-sam', summary: 'Music after 11pm must stop' } }, at)
      .then([{ type: 'WarningLetterIssued', data: { perpetratorId: 'p-sam', summary: 'Music after 11pm must stop', issuedAt: now } }]);
  });

  describe('AgreeAbc', () => {
    const signed = (reviewDate: string): AsbCommand => ({
      type: 'AgreeAbc',
      data: { outcome: 'signed', perpetratorId: 'p-sam', parties, terms: 'No music after 11pm', reviewDate },
    });

    it('records a signed contract with its parties and a review date from tomorrow on', () => {
      spec
        .given(investigatingCase)
        .when(signed('2025-03-21'), at)
        .then([
          {
            type: 'AbcAgreed',
            data: { perpetratorId: 'p-sam', parties, terms: 'No music after 11pm', reviewDate: '2025-03-21', agreedAt: now },
          },
        ]);
    });

    it('refuses a review date of today', () => {
      spec.given(investigatingCase).when(signed('2025-03-20'), at).thenThrows('ASB_ABC_REVIEW_DATE_NOT_IN_FUTURE', {
        reviewDate: '2025-03-20',
        today: '2025-03-20',
      });
    });

    it('records a refusal to sign', () => {
      spec
        .given(investigatingCase)
        .when({ type: 'AgreeAbc', data: { outcome: 'refused-to-sign', perpetratorId: 'p-sam', parties, reason: 'Denies the noise' } }, at)
        .then([{ type: 'AbcRefused', data: { perpetratorId: 'p-sam', parties, reason: 'Denies the noise', refusedAt: now } }]);
    });
  });

  it.each(['neighbour', 'parent-and-teen', 'anger-management'] as const)('refers to %s mediation', (mediationType) => {
    spec
      .given(investigatingCase)
      .when({ type: 'ReferToMediation', data: { mediationType, provider: 'kent-mediation' } }, at)
      .then([{ type: 'MediationReferred', data: { mediationType, provider: 'kent-mediation', referredAt: now } }]);
  });

  it('refers an alleged perpetrator to a diversionary activity', () => {
    spec
      .given(investigatingCase)
      .when({ type: 'ReferToDiversionaryActivity', data: { perpetratorId: 'p-sam', activity: 'Youth boxing club', provider: 'tmbc-youth' } }, at)
      .then([
        {
          type: 'DiversionaryActivityReferred',
          data: { perpetratorId: 'p-sam', activity: 'Youth boxing club', provider: 'tmbc-youth', referredAt: now },
        },
      ]);
  });

  describe('RecordMultiAgencyMeeting', () => {
    const meeting = (meetingDate: string): AsbCommand => ({
      type: 'RecordMultiAgencyMeeting',
      data: { meetingDate, agencies: ['tmbc', 'kent-police', 'town-housing'], summary: 'Agreed joint visit' },
    });

    it('records a meeting held today, and its agencies join the case', () => {
      const events = spec
        .given(investigatingCase)
        .when(meeting('2025-03-20'), at)
        .then([
          {
            type: 'MultiAgencyMeetingHeld',
            data: { meetingDate: '2025-03-20', agencies: ['tmbc', 'kent-police', 'town-housing'], summary: 'Agreed joint visit', recordedAt: now },
          },
        ]);
      expect(spec.given([...investigatingCase, ...events]).state).toMatchObject({ agencies: ['kent-police', 'tmbc', 'town-housing'] });
    });

    it('refuses a meeting dated tomorrow', () => {
      spec.given(investigatingCase).when(meeting('2025-03-21'), at).thenThrows('ASB_MEETING_DATE_IN_FUTURE', { meetingDate: '2025-03-21' });
    });
  });

  describe('the alleged perpetrator must be on the case', () => {
    const unknown = 'p-unknown';
    it.each<[string, AsbCommand]>([
      ['IssueWarningLetter', { type: 'IssueWarningLetter', data: { perpetratorId: unknown, summary: 'Stop' } }],
      ['AgreeAbc', { type: 'AgreeAbc', data: { outcome: 'refused-to-sign', perpetratorId: unknown, parties } }],
      ['ReferToMediation', { type: 'ReferToMediation', data: { mediationType: 'neighbour', provider: 'kent-mediation', perpetratorId: unknown } }],
      ['ReferToDiversionaryActivity', { type: 'ReferToDiversionaryActivity', data: { perpetratorId: unknown, activity: 'Football', provider: 'tmbc-youth' } }],
    ])('%s is refused for an unrecorded alleged perpetrator', (_name, command) => {
      spec.given(investigatingCase).when(command, at).thenThrows('ASB_PERPETRATOR_NOT_RECORDED', { perpetratorId: unknown });
    });
  });

  it.each([
    ['triaged', triagedCase],
    ['escalated', escalatedCase],
  ])('actions are refused while the case is %s', (stage, history) => {
    spec
      .given(history)
      .when({ type: 'IssueWarningLetter', data: { perpetratorId: 'p-sam', summary: 'Stop' } }, at)
      .thenThrows('ASB_COMMAND_NOT_ALLOWED_IN_STAGE', { stage, command: 'IssueWarningLetter' });
  });
});
