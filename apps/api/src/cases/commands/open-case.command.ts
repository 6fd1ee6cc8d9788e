import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandOutcome } from '@casetrail/workflow';
import { CaseCommands, CommandSource } from '../case-commands.service';

export class OpenCaseCommand {
  constructor(
    readonly source: CommandSource,
    readonly caseType: unknown,
    readonly data: unknown,
  ) {}
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, CommandOutcome & { caseType: string }> {
  constructor(private readonly cases: CaseCommands) {}
  execute({ source, caseType, data }: OpenCaseCommand) {
    return this.cases.open(source, caseType, data);
  }
}
