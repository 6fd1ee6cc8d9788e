import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/rules/cpw-cpn.md is the rules' index: it must name every code and only tests that exist. */
const TABLE = join(__dirname, '../../../../docs/rules/cpw-cpn.md');

const sources = readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
const thrown = new Set(
  sources.flatMap((file) => [...readFileSync(join(__dirname, file), 'utf8').matchAll(/new DomainRuleError\(\s*'([A-Z0-9_]+)'/g)].map((m) => m[1])),
);
// The rules table is the one before the deadlines section.
const rows = (readFileSync(TABLE, 'utf8').split('## Deadlines')[0] ?? '')
  .split('\n')
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .filter((cells) => /^[A-Z][A-Z0-9_]+$/.test(cells[1] ?? '') && cells.length >= 6)
  .map((cells) => ({ code: cells[1] ?? '', tests: cells[4] ?? '' }));

describe('docs/rules/cpw-cpn.md', () => {
  it('lists exactly the codes the decider throws', () => {
    expect(thrown.size).toBeGreaterThan(30);
    expect(rows.map((r) => r.code).sort()).toEqual([...thrown].sort());
  });

  it.each(rows.map((r) => [r.code, r.tests]))('%s names tests that exist', (_code, tests) => {
    const named = tests.split('; ').map((item) => /^`([^`]+)` › (.+)$/.exec(item));
    expect(named.length).toBeGreaterThan(0);
    for (const match of named) {
      expect(match).not.toBeNull();
      const [, file = '', title = ''] = match ?? [];
      expect(existsSync(join(__dirname, file))).toBe(true);
      expect(readFileSync(join(__dirname, file), 'utf8')).toContain(title);
    }
  });
});
