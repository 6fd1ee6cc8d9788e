import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CaseTypeDefinition } from '@casetrail/workflow';
import type { Principal } from '../../auth/principal';
import { toProblem } from '../../problems/problem-mapping';
import { dataFrom } from './form-data';
import { attachErrors, ProblemLike, SummaryError } from './form-errors';
import { FieldNode, FormValues, formFor } from './form-model';
import type { JsonSchema } from './json-schema';

/** The JSON Schema of a command's data: the very one GET /api/cases/:id publishes for it. */
export function commandSchema(definition: CaseTypeDefinition, commandType: string): JsonSchema | undefined {
  const commands: Record<string, z.ZodType> = definition.commands;
  if (!Object.hasOwn(commands, commandType)) return undefined;
  return z.toJSONSchema(commands[commandType]!, { unrepresentable: 'any' }) as JsonSchema;
}

/** Sensible first values: the user's agency, a fresh incident reference. Never inside a list's rows. */
export function defaultsFor(root: FieldNode, principal: Principal): FormValues {
  const values: FormValues = {};
  const visit = (node: FieldNode) => {
    if (node.kind === 'group') node.children.forEach(visit);
    const key = node.path.split('.').at(-1);
    if (key === 'reportingAgency' || key === 'referringAgency' || key === 'agency') values[node.name] = principal.agency;
    if (key === 'incidentId' || key === 'complaintId') values[node.name] = `i-${randomBytes(3).toString('hex')}`;
  };
  visit(root);
  return values;
}

/** The field tree drawn with the submitted values (or the defaults, on first show). */
export function commandForm(schema: JsonSchema, principal: Principal, submitted?: FormValues): FieldNode {
  if (submitted) return formFor(schema, submitted);
  const blank = formFor(schema, {});
  return formFor(schema, defaultsFor(blank, principal));
}

/** The command data from a submitted form, or the errors that stop it being sent. */
export function readCommandForm(form: FieldNode): (values: FormValues) => { data: unknown; errors: SummaryError[] } {
  return (values) => {
    const { data, issues } = dataFrom(form, values);
    const errors = issues.length > 0 ? attachErrors(form, { status: 400, code: 'FORM_INVALID', detail: 'The form has errors', errors: issues }) : [];
    return { data, errors };
  };
}

/** A refused command as the form's errors: which field, or which rule, in plain English. */
export function refusalErrors(form: FieldNode, error: unknown): { status: number; errors: SummaryError[] } | undefined {
  const problem = toProblem(error);
  if (![400, 422].includes(problem.status)) return undefined;
  return { status: problem.status, errors: attachErrors(form, problem.body as unknown as ProblemLike) };
}

export function isConcurrentChange(error: unknown): boolean {
  return [409, 412].includes(toProblem(error).status);
}
