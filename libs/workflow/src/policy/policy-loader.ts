import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatIssuePath, issueMessage } from '../validation-issues';
import { PolicyFileError } from './policy-file.error';
import { PolicyFileEnvelope, policyFileSchema } from './policy-file.schema';
import { PolicyEntry, PolicyTable, StaticPolicy } from './static-policy';

export interface PolicySection {
  section: string;
  /** One field per policy key; each entry's value must satisfy the key's schema. */
  schema: z.ZodObject;
}

/**
 * Builds the policy in force from every `*.yaml`/`*.yml` file directly in `dir` (subfolders,
 * such as bank-holidays/, are not policy sections). Each registered section must be defined by
 * exactly one file. Any problem throws a PolicyFileError: the service must not start on a policy
 * it does not understand.
 */
export function loadPolicyDirectory(dir: string, sections: PolicySection[]): StaticPolicy {
  const registered = registerSections(sections);
  const definedIn = new Map<string, string>();
  const table: PolicyTable = {};
  for (const file of listPolicyFiles(dir)) {
    const { section, values } = readPolicyFile(file, registered);
    const earlier = definedIn.get(section);
    if (earlier) throw PolicyFileError.inFile(file, 'section', `section ${section} is already defined in ${earlier}`);
    definedIn.set(section, file);
    table[section] = values;
  }
  const missing = [...registered.keys()].filter((section) => !definedIn.has(section));
  if (missing.length > 0) {
    throw PolicyFileError.inDirectory(dir, `no policy file defines section ${missing.join(', ')}`);
  }
  return new StaticPolicy(table);
}

function registerSections(sections: PolicySection[]): Map<string, z.ZodObject> {
  const registered = new Map<string, z.ZodObject>();
  for (const { section, schema } of sections) {
    if (registered.has(section)) throw new Error(`Policy section ${section} is registered twice`);
    registered.set(section, schema);
  }
  return registered;
}

function listPolicyFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => entry.name);
  } catch (error) {
    throw PolicyFileError.inDirectory(dir, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Sorted, so which of two files defining one section is reported does not depend on the disk.
  return names.sort().map((name) => join(dir, name));
}

function readPolicyFile(
  file: string,
  registered: Map<string, z.ZodObject>,
): { section: string; values: Record<string, PolicyEntry[]> } {
  const content = parseYaml(file);
  const envelope = PolicyFileEnvelope.safeParse(content);
  if (!envelope.success) throw fileError(file, envelope.error);
  const schema = registered.get(envelope.data.section);
  if (!schema) {
    const known = [...registered.keys()].join(', ') || 'none';
    throw PolicyFileError.inFile(file, 'section', `unknown section ${envelope.data.section} (registered: ${known})`);
  }
  const parsed = policyFileSchema(envelope.data.section, schema).safeParse(content);
  if (!parsed.success) throw fileError(file, parsed.error);
  return { section: parsed.data.section, values: parsed.data.values };
}

function parseYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw PolicyFileError.inFile(file, undefined, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return parse(text);
  } catch (error) {
    // yaml's message continues with a snippet of the file; its first line names line and column.
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw PolicyFileError.inFile(file, undefined, `not valid YAML: ${firstLine}`);
  }
}

/** The first issue only: the message must stay one line, and fixing one often fixes the rest. */
function fileError(file: string, error: z.ZodError): PolicyFileError {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    return PolicyFileError.inFile(file, formatIssuePath([...issue.path, issue.keys[0]!]), 'unknown key');
  }
  return PolicyFileError.inFile(file, formatIssuePath(issue.path) || undefined, issueMessage(issue));
}
