import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '@casetrail/shared';

/** The README's configuration table names every variable the config schema reads, and no other. */
describe('README configuration table', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]);

  it('documents every variable of the config schema', () => {
    const variables = Object.keys(ConfigSchema.shape);
    expect(variables.filter((variable) => !documented.includes(variable))).toEqual([]);
  });

  it('documents no variable the config schema does not read', () => {
    const variables = Object.keys(ConfigSchema.shape);
    expect(documented.filter((variable) => !variables.includes(variable))).toEqual([]);
  });
});
