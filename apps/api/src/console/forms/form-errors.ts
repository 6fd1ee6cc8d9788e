import type { FieldNode } from './form-model';

/** One line of the GOV.UK error summary: what is wrong, and a link to the field when there is one. */
export interface SummaryError {
  text: string;
  href?: string;
}

export interface ProblemLike {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  rule?: string;
}

interface Placed {
  node: FieldNode;
  /** "Issuer name", "Victim 1 family name": the field's label with what it belongs to. */
  title: string;
}

/**
 * Puts a refused command's errors on the fields that caused them, in plain English, and lists them
 * for the error summary. A rule's refusal (422) names the rule; a field error names the field.
 */
export function attachErrors(root: FieldNode, problem: ProblemLike): SummaryError[] {
  const placed = activeNodes(root, '');
  const summary: SummaryError[] = [];
  for (const issue of problem.errors ?? []) {
    const target = findNode(placed, issue.path.replace(/^data\.?/, ''));
    if (!target) {
      summary.push({ text: `${issue.path}: ${issue.message}` });
      continue;
    }
    const text = plainMessage(target, issue.message);
    if (!target.node.error) {
      target.node.error = text;
      summary.push({ text, href: `#${target.node.id}` });
    }
  }
  if (summary.length === 0) summary.push({ text: ruleText(problem) });
  return summary;
}

/** A refusal that is not about one field, in words: the rule's own explanation and its name. */
export function ruleText(problem: ProblemLike): string {
  const rule = problem.rule ?? problem.code;
  return `${problem.detail.replace(/\.$/, '')}. (Rule: ${rule})`;
}

function activeNodes(node: FieldNode, context: string): Placed[] {
  const title = capitalise([context, context === '' ? node.label : lowerFirst(node.label)].filter((t) => t !== '').join(' '));
  const self: Placed = { node, title };
  switch (node.kind) {
    case 'group':
      return [self, ...node.children.flatMap((child) => activeNodes(child, title))];
    case 'list':
      return [self, ...node.items.flatMap((item) => activeNodes(item, context))];
    case 'choice': {
      const chosen = node.options.find((o) => o.value === node.value);
      return [self, ...(chosen ? chosen.children.flatMap((child) => activeNodes(child, context === '' ? node.label : title)) : [])];
    }
    default:
      return [self];
  }
}

function findNode(placed: Placed[], path: string): Placed | undefined {
  const isLeaf = (p: Placed) => !['group', 'list', 'hidden'].includes(p.node.kind);
  const exact = placed.find((p) => p.node.path === path && isLeaf(p));
  if (exact) return exact;
  const inside = placed.find((p) => isLeaf(p) && (p.node.path.startsWith(`${path}.`) || p.node.path.startsWith(`${path}[`) || (path === '' && p.node.path !== '')));
  if (inside) return inside;
  const containing = placed.filter((p) => isLeaf(p) && (path.startsWith(`${p.node.path}.`) || path.startsWith(`${p.node.path}[`)));
  return containing.sort((a, b) => b.node.path.length - a.node.path.length)[0];
}

const MISSING = /received undefined|^Required$|expected string to have >=1 characters/;

function plainMessage({ node, title }: Placed, message: string): string {
  const lower = lowerFirst(title);
  const chooses = node.kind === 'options' || node.kind === 'boolean' || node.kind === 'choice';
  if (MISSING.test(message)) return chooses ? `Select ${lower}` : `Enter ${lower}`;
  let m: RegExpExecArray | null;
  if ((m = /expected array to have >=(\d+) items?/.exec(message))) return `Enter at least ${m[1]} for ${lower}`;
  if ((m = /expected string to have <=(\d+) characters/.exec(message))) return `${title} must be ${m[1]} characters or fewer`;
  if ((m = /expected number to be >=?(-?\d+)/.exec(message))) return `${title} must be ${message.includes('>=') ? '' : 'more than '}${m[1]}${message.includes('>=') ? ' or more' : ''}`;
  if ((m = /expected number to be <=?(-?\d+)/.exec(message))) return `${title} must be ${m[1]} or less`;
  if (/expected (number|int)/.test(message)) return `${title} must be a whole number`;
  if (/ISO date(?!time)|Invalid date/i.test(message)) return `${title} must be a real date, like 2026-03-27`;
  if (/datetime/i.test(message)) return `${title} must be a date and time, like 2026-03-27T14:30`;
  if (/email/i.test(message)) return `Enter ${lower} in the correct format, like name@example.com`;
  if (/pattern/.test(message)) return `${title} must use only lower-case letters, numbers and hyphens`;
  if (/expected boolean/.test(message)) return `Select yes or no for ${lower}`;
  if (/unknown field/.test(message)) return `${title} is not part of this form`;
  return `${title}: ${message}`;
}

/** "Behaviour date" -> "behaviour date", but "ASB case ID" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
