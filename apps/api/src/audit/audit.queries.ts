import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadContext } from '../cases/case-queries.service';
import { CaseAudit } from './case-audit.service';

export class GetCaseDiffQuery {
  constructor(
    readonly context: ReadContext,
    readonly caseId: string,
    readonly from: number,
    readonly to: number,
  ) {}
}

@QueryHandler(GetCaseDiffQuery)
export class GetCaseDiffHandler implements IQueryHandler<GetCaseDiffQuery> {
  constructor(private readonly audit: CaseAudit) {}
  execute({ context, caseId, from, to }: GetCaseDiffQuery) {
    return this.audit.diff(context, caseId, from, to);
  }
}

export class GetAuditPackQuery {
  constructor(
    readonly context: ReadContext,
    readonly caseId: string,
  ) {}
}

@QueryHandler(GetAuditPackQuery)
export class GetAuditPackHandler implements IQueryHandler<GetAuditPackQuery> {
  constructor(private readonly audit: CaseAudit) {}
  execute({ context, caseId }: GetAuditPackQuery) {
    return this.audit.pack(context, caseId);
  }
}
