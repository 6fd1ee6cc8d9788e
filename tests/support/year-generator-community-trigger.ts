import { addDays, DomainCommand } from '@casetrail/workflow';
import { CaseTimeline } from './year-generator-casework';
import { CT_COORDINATOR, GeneratorContext } from './year-generator-ledger';

const DISCRETION_REASONS = {
  persistence: 'Incidents weeks apart',
  harm: 'No vulnerability identified',
  adequacyOfResponse: 'Each report was visited within two days',
};

/**
 * One Community Trigger application received on `receivedOn`, relying on complaints that all
 * qualify (reported within days of the behaviour, within six months of the application): the
 * threshold is met by count when there are enough of them, otherwise by the officer's discretion.
 */
export async function runCommunityTrigger(ctx: GeneratorContext, receivedOn: string): Promise<void> {
  const { casework, random, record } = ctx;
  const caseId = `community-trigger-${random.uuid()}`;
  const timeline = new CaseTimeline(random);
  const send = (command: DomainCommand, on: string) => casework.send(caseId, command, timeline.at(on), CT_COORDINATOR);

  const count = Number(random.weighted({ '1': 3, '2': 4, '3': 2, '4': 1 }));
  const behaviourDays = Array.from({ length: count }, () => random.int(10, 170)).sort((a, b) => b - a);
  const byVictim = random.chance(0.7);
  await send(
    {
      type: 'ReceiveApplication',
      data: {
        applicant: byVictim
          ? { relationship: 'victim', name: 'Alex Morgan', contact: { phone: '01632 960001' } }
          : { relationship: 'councillor', name: 'Cllr Pat Lee', contact: { email: 'pat.lee@example.org' }, consent: { givenOn: receivedOn, form: 'written' } },
        victim: { kind: 'person', name: 'Alex Morgan' },
        complaints: behaviourDays.map((daysBefore, index) => {
          const behaviourDate = addDays(receivedOn, -daysBefore);
          return { complaintId: `C-${index + 1}`, behaviourDate, reportDate: addDays(behaviourDate, random.int(0, 5)), reportedTo: 'tmbc', category: 'noise' };
        }),
      },
    },
    receivedOn,
  );
  record({ what: 'ct-application', on: receivedOn, relationship: byVictim ? 'victim' : 'councillor' });
  await send({ type: 'AcknowledgeApplication', data: { method: 'letter' } }, addDays(receivedOn, random.int(1, 3)));

  const decidedOn = addDays(receivedOn, random.int(4, 10));
  const byCount = count >= casework.policyValue<number>('community-trigger', 'qualifyingComplaintsThreshold', decidedOn);
  const met = byCount || random.chance(0.25);
  await send({ type: 'AssessThreshold', data: byCount ? {} : { discretionaryDecision: { met, reasons: DISCRETION_REASONS } } }, decidedOn);
  record({ what: 'ct-threshold-decided', on: decidedOn, met });

  let day = decidedOn;
  if (met) {
    const panelDate = addDays(decidedOn, random.int(5, 20));
    await send({ type: 'ScheduleReviewPanel', data: { panelDate } }, addDays(decidedOn, random.int(0, 2)));
    const recommendations = random.chance(0.7) ? random.int(1, 4) : 0;
    await send(
      {
        type: 'RecordPanelOutcome',
        data: {
          recommendations: Array.from({ length: recommendations }, (_, i) => ({ recommendationId: `R${i + 1}`, agency: 'tmbc', action: 'Install noise monitoring' })),
          summary: 'Panel reviewed the response to the complaints',
        },
      },
      panelDate,
    );
    record({ what: 'ct-review', on: panelDate, recommendations });
    day = panelDate;
  }
  day = addDays(day, random.int(1, 5));
  await send({ type: 'InformApplicant', data: { method: 'letter', message: 'The outcome of your application' } }, day);
  // Closed once the window for an appeal to the Police and Crime Commissioner has passed.
  const appealBy = casework.calendar.addWorkingDays(day, casework.policyValue<number>('community-trigger', 'pccAppealWorkingDays', day));
  await send({ type: 'CloseApplication', data: {} }, addDays(appealBy, random.int(1, 10)));
}
