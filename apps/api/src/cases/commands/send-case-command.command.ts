import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandOutcome } from '@casetrail/workflow';
import { CaseCommands, CommandSource } from '../case-commands.service';

export class SendCaseCommand {
  constructor(
    readonly source: CommandSource,
    readonly caseId: string,
    readonly command: { type: unknown; data: unknown },
    readonly ifMatch: number | undefined,
  ) {}
}

@CommandHandler(SendCaseCommand)
export class SendCaseCommandHandler implements ICommandHandler<SendCaseCommand, CommandOutcome> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ source, caseId, command, ifMatch }: SendCaseCommand) {
    return this.cases.send(source, caseId, command, ifMatch);
  }
}
