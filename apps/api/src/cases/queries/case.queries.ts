import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LoadCaseOptions } from '@casetrail/workflow';
import { CaseList, CaseListQuery } from '../case-list.service';
import { CaseQueries, ReadContext } from '../case-queries.service';

export class GetCaseQuery {
  constructor(
    readonly context: ReadContext,
    readonly caseId: string,
    readonly options: LoadCaseOptions,
  ) {}
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(private readonly cases: CaseQueries) {}
  execute({ context, caseId, options }: GetCaseQuery) {
    return this.cases.getCase(context, caseId, options);
  }
}

export class GetCaseHistoryQuery {
  constructor(
    readonly context: ReadContext,
    readonly caseId: string,
  ) {}
}

@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery> {
  constructor(private readonly cases: CaseQueries) {}
  execute({ context, caseId }: GetCaseHistoryQuery) {
    return this.cases.history(context, caseId);
  }
}

export class ListCasesQuery {
  constructor(
    readonly context: ReadContext,
    readonly query: CaseListQuery,
  ) {}
}

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(private readonly list: CaseList) {}
  execute({ context, query }: ListCasesQuery) {
    return this.list.list(context, query);
  }
}
