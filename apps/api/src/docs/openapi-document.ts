import { z } from 'zod';
import { CaseTypeDefinition, knownCommandTypes } from '@casetrail/workflow';
import { ExpireDeadlineData } from '@casetrail/workflow';
import { CaseListQuery } from '../cases/case-list.service';
import { PartnershipReportQuery } from '../reports/partnership-report.controller';
import { StatsQuery } from '../stats/stats.controller';
import { EscalationQueueQuery } from '../queues/escalation-queue.service';
import { CaseloadsQuery } from '../queues/caseloads.service';
import { FailedJobsQuery } from '../admin/failed-jobs.controller';

type JsonSchema = Record<string, unknown>;

const json = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as JsonSchema;

/** A query schema's fields as OpenAPI query parameters (the same zod schema validates them). */
function queryParameters(schema: z.ZodType) {
  const document = json(schema);
  const required = (document.required ?? []) as string[];
  return Object.entries((document.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => ({ name, in: 'query', required: required.includes(name), schema: property }));
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const ERRORS = {
  '400': problem('The body, a header or the query fails its schema; `errors` lists each field path'),
  '401': problem('Missing, invalid or expired bearer token'),
  '403': problem('The role or agency may not do this'),
  '404': problem('No such case, or a restricted case you may not see'),
  '415': problem('Content type is not JSON'),
  '413': problem('Body over the limit'),
};

/**
 * The OpenAPI 3.1 document, generated from the very zod schemas that validate requests, so the
 * documentation cannot drift from the behaviour.
 */
export function openApiDocument(definitions: CaseTypeDefinition[]) {
  const commandSchemas: Record<string, JsonSchema> = {};
  for (const definition of definitions) {
    for (const type of knownCommandTypes(definition)) {
      const schema = (definition.commands as Record<string, z.ZodType>)[type] ?? ExpireDeadlineData;
      commandSchemas[`${definition.caseType}.${type}`] = json(schema);
    }
  }
  const openBodies = definitions.map((d) => ({
    type: 'object',
    required: ['type', 'data'],
    additionalProperties: false,
    properties: { type: { const: d.caseType }, data: { $ref: `#/components/schemas/${d.caseType}.${d.openCommand}` } },
  }));
  const commandBodies = Object.keys(commandSchemas).map((name) => ({
    type: 'object',
    required: ['type', 'data'],
    additionalProperties: false,
    properties: { type: { const: name.split('.')[1] }, data: { $ref: `#/components/schemas/${name}` } },
  }));
  const caseId = { name: 'caseId', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z-]+-[0-9a-f-]{36}$' } };
  const notCaughtUp = { '503': problem('consistentWith not reached within 2 s; Retry-After set') };
  return {
    openapi: '3.1.0',
    info: { title: 'Casetrail API', version: '0.1.0', description: 'Event-sourced casework for Community Safety Partnerships in England and Wales.' },
    security: [{ bearer: [] }],
    paths: {
      '/api/cases': {
        post: {
          summary: 'Open a case',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: openBodies } } } },
          responses: { '201': { description: 'Opened; Location and ETag headers set. `repeatMatches` lists earlier cases that share a person, address or perpetrator' }, ...ERRORS, '422': problem('Refused by a rule (`code` names it)') },
        },
        get: { summary: 'List cases (read model)', parameters: queryParameters(CaseListQuery), responses: { '200': { description: 'A page of case summaries' }, ...ERRORS, ...notCaughtUp } },
      },
      '/api/cases/{caseId}': {
        get: {
          summary: 'A case: state, stage, open deadlines and the commands you may send now',
          parameters: [caseId, { name: 'asOf', in: 'query', schema: { type: 'string', format: 'date-time' } }, { name: 'revision', in: 'query', schema: { type: 'integer', minimum: 0 } }],
          responses: { '200': { description: 'The case; ETag holds its revision' }, ...ERRORS },
        },
      },
      '/api/cases/{caseId}/commands': {
        post: {
          summary: 'Send a command to a case',
          parameters: [
            caseId,
            { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"3"' }, description: 'Required for commands that act on what you saw' },
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: commandBodies } } } },
          responses: {
            '200': { description: 'Applied: revision, position and events' },
            ...ERRORS,
            '409': problem('A concurrent write; `currentRevision` given'),
            '412': problem('If-Match does not match the current revision'),
            '422': problem('Refused by a rule (`code` names it), or an Idempotency-Key reused with another body'),
            '428': problem('If-Match required for this command'),
          },
        },
      },
      '/api/cases/{caseId}/history': {
        get: {
          summary: "The case's events in plain English, with who, when and the reason given; for auditors, its reads merged into the timeline",
          parameters: [caseId],
          responses: { '200': { description: 'Events and timeline' }, ...ERRORS },
        },
      },
      '/api/cases/{caseId}/diff': {
        get: {
          summary: "Field-level changes in the case's state between two revisions, and the events between them",
          parameters: [caseId, ...['from', 'to'].map((name) => ({ name, in: 'query', required: true, schema: { type: 'integer', minimum: 0 } }))],
          responses: { '200': { description: 'Changes (path, before, after)' }, ...ERRORS },
        },
      },
      '/api/cases/{caseId}/audit-pack': {
        get: {
          summary: 'Audit pack (auditors): events, state after each, access log and hash-chain proof',
          parameters: [caseId, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv', 'html'], default: 'json' } }],
          responses: { '200': { description: 'The pack as JSON, CSV or printable HTML (docs/audit.md)' }, ...ERRORS },
        },
      },
      '/api/audit/access': { get: { summary: 'Reads of restricted cases (auditors)', responses: { '200': { description: 'Access log entries' }, ...ERRORS } } },
      '/api/reports/partnership': {
        get: {
          summary: 'The partnership report for a period (London dates, inclusive): aggregates only',
          parameters: queryParameters(PartnershipReportQuery),
          responses: { '200': { description: 'The figures, and DA referrals for the same period a year before' }, ...ERRORS, ...notCaughtUp },
        },
      },
      '/api/stats': {
        get: { summary: 'Case counts by type, stage and risk', parameters: queryParameters(StatsQuery), responses: { '200': { description: 'Counts' }, ...ERRORS, ...notCaughtUp } },
      },
      '/api/queues/escalations': {
        get: {
          summary: "The managers' escalation queue: by priority, then due time; each entry with its case, reason, lateness and assignee",
          parameters: queryParameters(EscalationQueueQuery),
          responses: { '200': { description: 'A page of queue entries and nextCursor' }, ...ERRORS, ...notCaughtUp },
        },
      },
      '/api/caseloads': {
        get: {
          summary: 'Open cases per caseworker and per team, by risk, with what is overdue now',
          parameters: queryParameters(CaseloadsQuery),
          responses: { '200': { description: 'Caseloads' }, ...ERRORS, ...notCaughtUp },
        },
      },
      '/api/admin/jobs/failed': {
        get: {
          summary: 'Deadline and sweep jobs that failed for good, newest first (admins)',
          parameters: queryParameters(FailedJobsQuery),
          responses: { '200': { description: 'Failed jobs with their reasons' }, ...ERRORS },
        },
      },
      '/api/admin/subjects/{subjectId}/erasure': {
        post: {
          summary: "EraseSubject (admins): records SubjectErased and destroys the subject's key; their data reads \"[erased]\" everywhere after (docs/privacy.md)",
          parameters: [
            { name: 'subjectId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } } } },
          },
          responses: { '200': { description: 'SubjectErased as recorded' }, ...ERRORS },
        },
      },
      '/api/admin/cases/{caseId}/subjects': {
        get: {
          summary: "The data subjects of a case (admins): ids and slots, never personal data; what EraseSubject takes",
          parameters: [caseId],
          responses: { '200': { description: 'Subjects, with when each was erased' }, ...ERRORS },
        },
      },
      '/health/live': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'Up' } } } },
      '/health/ready': { get: { summary: 'Readiness: the store answers, Redis when configured, and no projection is stopped', security: [], responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ...commandSchemas,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            requestId: { type: 'string' },
          },
        },
      },
    },
  };
}
