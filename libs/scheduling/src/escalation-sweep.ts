import { WrongExpectedRevisionError } from '@casetrail/event-store';
import { CasetrailDatabase } from '@casetrail/persistence';
import type { CaseSummaryTables } from '@casetrail/projections';
import { CaseTypeDefinition, DomainRuleError, handleCommand, loadCase, parseCommand } from '@casetrail/workflow';
import { CommandRuntime, SCHEDULER_ACTOR } from './case-runtime';
import { sweepCommandId } from './deadline-job';
import { tableExists } from './table-exists';

/** A command a case takes on its own once a date has passed, and the stages where it may be due. */
export interface EscalationSweepRule {
  caseType: string;
  command: string;
  stages: readonly string[];
}

/**
 * Local conventions (DOMAIN.md): a CPW lapses after its months in force, a CPN expires after its
 * term. The case decides whether the date has passed (CPW_NOT_YET_LAPSED, CPN_NOT_YET_EXPIRED);
 * the sweep only finds the cases in those stages.
 */
export const ESCALATION_SWEEPS: readonly EscalationSweepRule[] = [
  { caseType: 'cpw-cpn', command: 'LapseCpw', stages: ['cpw-issued'] },
  { caseType: 'cpw-cpn', command: 'ExpireCpn', stages: ['cpn-in-force', 'cpn-under-appeal'] },
];

export interface SweepReport {
  /** False while the case summary read model has no table yet (nothing has been projected). */
  readModelReady: boolean;
  checked: number;
  sent: { caseId: string; command: string }[];
  /** Cases that changed between the check and the command; the next sweep looks again. */
  skipped: number;
}

/**
 * Periodic checks sent as commands. Candidates come from the case summary read model (the
 * stage), and each is confirmed on the case's own state, freshly loaded: the command is sent only
 * when the case's decider would accept it now, so a sweep never asks for a refusal.
 */
export class EscalationSweep {
  constructor(
    private readonly runtime: CommandRuntime,
    private readonly db: CasetrailDatabase,
    private readonly rules: readonly EscalationSweepRule[] = ESCALATION_SWEEPS,
  ) {}

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { readModelReady: await this.readModelReady(), checked: 0, sent: [], skipped: 0 };
    if (!report.readModelReady) return report;
    for (const rule of this.rules) {
      const definition = this.runtime.definitions.find((d) => d.caseType === rule.caseType);
      if (!definition) continue;
      for (const caseId of await this.candidates(rule)) {
        report.checked += 1;
        const result = await this.sendIfDue(definition, rule.command, caseId);
        if (result === 'sent') report.sent.push({ caseId, command: rule.command });
        if (result === 'moved-on') report.skipped += 1;
      }
    }
    return report;
  }

  /** A fresh database (the worker started before anything was projected) has no table to read. */
  private async readModelReady(): Promise<boolean> {
    return tableExists(this.db, 'case_summaries');
  }

  private async candidates(rule: EscalationSweepRule): Promise<string[]> {
    const rows = await this.db
      .withTables<CaseSummaryTables>()
      .selectFrom('case_summaries')
      .select('case_id')
      .where('case_type', '=', rule.caseType)
      .where('stage', 'in', [...rule.stages])
      .orderBy('case_id')
      .execute();
    return rows.map((r) => r.case_id);
  }

  private async sendIfDue(definition: CaseTypeDefinition, commandType: string, caseId: string): Promise<'sent' | 'not-due' | 'moved-on'> {
    const { store, policy, calendar } = this.runtime;
    const { state, revision } = await loadCase(store, definition, caseId);
    const command = parseCommand(definition, { type: commandType, data: {} });
    const occurredAt = this.runtime.now().toISOString();
    if (!definition.allowedCommands(state).includes(command.type)) return 'not-due';
    try {
      const events = definition.decider.decide(command, state, { caseId, now: occurredAt, actor: SCHEDULER_ACTOR, policy, calendar });
      if (events.length === 0) return 'not-due';
    } catch (error) {
      if (error instanceof DomainRuleError) return 'not-due'; // the rule says the date has not passed
      throw error;
    }
    try {
      await handleCommand(
        { store, definition, policy, calendar },
        {
          caseId,
          command,
          actor: SCHEDULER_ACTOR,
          commandId: sweepCommandId(caseId, commandType, revision),
          correlationId: `sweep/${commandType}`,
          occurredAt,
          // Decided on this revision: if the case moved on meanwhile, the next sweep looks again.
          expectedRevision: revision,
        },
      );
      return 'sent';
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof DomainRuleError) return 'moved-on';
      throw error;
    }
  }
}
