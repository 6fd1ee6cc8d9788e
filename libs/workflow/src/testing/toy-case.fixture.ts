import { z } from 'zod';
import { BankHolidayCalendar } from '../bank-holiday-calendar';
import { endOfLondonDay, londonDate } from '../calendar';
import { CaseTypeDefinition } from '../case-type';
import {
  cancelOpenDeadlines,
  DeadlineEvent,
  Deadlines,
  deadlineId,
  decideExpireDeadline,
  DEADLINE_EVENT_SCHEMAS,
  evolveDeadlines,
  ExpireDeadline,
  ExpireDeadlineData,
  meetDeadline,
  scheduleDeadline,
} from '../deadlines';
import { DecisionContext, Decider, DomainEvent, DomainRuleError } from '../decider';
import { StaticPolicy } from '../policy/static-policy';

/**
 * A deliberately small case type for testing the workflow core while the real ones are written:
 * open it, add notes (the first note meets a review deadline), close it.
 */

const Recipient = z.object({ name: z.string().min(1), dateOfBirth: z.iso.date() });
export const ToyCommandSchemas = {
  OpenToy: z.object({ title: z.string().min(1), recipient: Recipient }),
  AddNote: z.object({ text: z.string().min(1) }),
  CloseToy: z.strictObject({ reason: z.string().min(1) }),
  ExpireDeadline: ExpireDeadlineData,
};
type Data<K extends keyof typeof ToyCommandSchemas> = z.infer<(typeof ToyCommandSchemas)[K]>;
export type ToyCommand =
  | { type: 'OpenToy'; data: Data<'OpenToy'> }
  | { type: 'AddNote'; data: Data<'AddNote'> }
  | { type: 'CloseToy'; data: Data<'CloseToy'> }
  | ExpireDeadline;

export const ToyEventSchemas = {
  ToyOpened: z.object({ title: z.string() }),
  /** v2: `note` was renamed `text` (v1 -> v2 upcaster below). */
  NoteAdded: z.object({ text: z.string() }),
  ToyClosed: z.object({ reason: z.string() }),
  ...DEADLINE_EVENT_SCHEMAS,
};
export type ToyEvent =
  | DomainEvent<'ToyOpened', { title: string }>
  | DomainEvent<'NoteAdded', { text: string }>
  | DomainEvent<'ToyClosed', { reason: string }>
  | DeadlineEvent;

export type ToyState =
  | { status: 'none' }
  | { status: 'open'; title: string; notes: string[]; deadlines: Deadlines }
  | { status: 'closed'; title: string; notes: string[]; deadlines: Deadlines };

const FIRST_NOTE = 'FIRST_NOTE';

function decide(command: ToyCommand, state: ToyState, context: DecisionContext): ToyEvent[] {
  switch (command.type) {
    case 'OpenToy': {
      const days = context.policy.get<number>('toy', 'firstNoteWorkingDays', context.now);
      const due = endOfLondonDay(context.calendar.addWorkingDays(londonDate(context.now), days.value));
      return [
        { type: 'ToyOpened', data: { title: command.data.title } },
        scheduleDeadline(deadlineId(context.caseId, FIRST_NOTE), FIRST_NOTE, due, { [days.key]: days.value }),
      ];
    }
    case 'AddNote':
      if (state.status !== 'open') throw new DomainRuleError('TOY_NOT_OPEN', 'Notes are added to open cases only');
      return [
        { type: 'NoteAdded', data: { text: command.data.text } },
        ...meetDeadline(state.deadlines, deadlineId(context.caseId, FIRST_NOTE), context.now),
      ];
    case 'CloseToy':
      if (state.status !== 'open') return [];
      return [{ type: 'ToyClosed', data: command.data }, ...cancelOpenDeadlines(state.deadlines, 'case closed')];
    case 'ExpireDeadline':
      return state.status === 'none' ? [] : decideExpireDeadline(state.deadlines, command, context.now);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function evolve(state: ToyState, event: ToyEvent): ToyState {
  switch (event.type) {
    case 'ToyOpened':
      return { status: 'open', title: event.data.title, notes: [], deadlines: {} };
    case 'NoteAdded':
      return state.status === 'none' ? state : { ...state, notes: [...state.notes, event.data.text] };
    case 'ToyClosed':
      return state.status === 'open' ? { ...state, status: 'closed' } : state;
    case 'DeadlineScheduled':
    case 'DeadlineMet':
    case 'DeadlineCancelled':
    case 'DeadlineMissed':
      return state.status === 'none' ? state : { ...state, deadlines: evolveDeadlines(state.deadlines, event) };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export const toyDecider: Decider<ToyCommand, ToyEvent, ToyState> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

export const toyDefinition: CaseTypeDefinition<ToyCommand, ToyEvent, ToyState> = {
  caseType: 'toy',
  decider: toyDecider,
  commands: ToyCommandSchemas,
  events: ToyEventSchemas,
  openCommand: 'OpenToy',
  conditionalCommands: ['CloseToy'],
  policy: { section: 'toy', schema: z.object({ firstNoteWorkingDays: z.number().int().positive() }) },
  upcasters: [{ eventType: 'NoteAdded', fromVersion: 1, upcast: (data) => ({ text: (data as { note: string }).note }) }],
  restrictedByDefault: false,
  allowedCommands: (state) => (state.status === 'open' ? ['AddNote', 'CloseToy'] : []),
  summarise: (state) => ({ stage: state.status, agencies: [], restricted: false, keyFacts: {} }),
};

export const toyPolicy = new StaticPolicy({
  toy: { firstNoteWorkingDays: [{ effectiveFrom: '2014-10-20', value: 5, source: 'toy procedure' }] },
});

export const toyCalendar = new BankHolidayCalendar({
  '2026': ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
});
