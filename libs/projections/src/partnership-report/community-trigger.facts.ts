import { z } from 'zod';
import { COMMUNITY_TRIGGER_EVENT_SCHEMAS } from '@casetrail/cases';
import { FACT_KIND, FactDraft } from './report-fact';

const events = COMMUNITY_TRIGGER_EVENT_SCHEMAS;
const Received = z.object({
  receivedOn: events.ApplicationReceived.shape.receivedOn,
  applicant: z.object({ relationship: events.ApplicationReceived.shape.applicant.shape.relationship }),
});
const ThresholdAssessed = events.ThresholdAssessed.pick({ decidedOn: true, met: true }).loose();
// Recommendations are counted, not read: their words are personal.
const PanelOutcome = z.object({ panelDate: events.PanelOutcomeRecorded.shape.panelDate, recommendations: z.array(z.unknown()) });

/** What s104 requires published: applications, threshold not met, reviews, reviews with recommendations. */
export function communityTriggerFacts(type: string, data: unknown): FactDraft[] {
  switch (type) {
    case 'ApplicationReceived': {
      const { receivedOn, applicant } = Received.parse(data);
      return [{ kind: FACT_KIND.ctApplication, on: receivedOn, dimension: applicant.relationship }];
    }
    case 'ThresholdAssessed': {
      const { decidedOn, met } = ThresholdAssessed.parse(data);
      return [{ kind: FACT_KIND.ctThresholdDecision, on: decidedOn, dimension: met ? 'met' : 'not-met' }];
    }
    case 'PanelOutcomeRecorded': {
      const { panelDate, recommendations } = PanelOutcome.parse(data);
      const dimension = recommendations.length > 0 ? 'with-recommendations' : 'without-recommendations';
      return [{ kind: FACT_KIND.ctReview, on: panelDate, dimension, quantity: recommendations.length }];
    }
    default:
      return [];
  }
}
