import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_ACTIONS } from './access-policy';
import { ACTIONS, type Action, type Role, ROLES } from './principal';

const DOC = join(__dirname, '../../../../docs/security.md');
const HEADING = '## Role x action matrix';

/** The first Markdown table after the heading, as rows of trimmed cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`docs/security.md has no "${heading}" section`);
  const rest = lines.slice(start + 1);
  const first = rest.findIndex((line) => line.trim().startsWith('|'));
  const end = rest.findIndex((line, index) => index > first && !line.trim().startsWith('|'));
  return rest
    .slice(first, end < 0 ? undefined : end)
    .map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()));
}

describe('docs/security.md', () => {
  const [header, separator, ...rows] = tableAfter(readFileSync(DOC, 'utf8'), HEADING);

  it('has one column per role, in order', () => {
    expect(header).toEqual(['Action', ...ROLES]);
    expect(separator!.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);
  });

  it('has one row per action, each cell yes or no', () => {
    expect(rows.map(([action]) => action)).toEqual(ACTIONS.map((action) => `\`${action}\``));
    rows.forEach((row) => expect(row.slice(1).every((cell) => cell === 'yes' || cell === 'no')).toBe(true));
  });

  it('shows exactly the matrix ROLE_ACTIONS grants', () => {
    const documented = Object.fromEntries(
      ROLES.map((role, column) => [
        role,
        rows.filter((row) => row[column + 1] === 'yes').map(([action]) => action!.replace(/`/g, '') as Action),
      ]),
    ) as Record<Role, Action[]>;
    const granted = Object.fromEntries(ROLES.map((role) => [role, ACTIONS.filter((action) => ROLE_ACTIONS[role].includes(action))]));
    expect(documented).toEqual(granted);
  });
});
