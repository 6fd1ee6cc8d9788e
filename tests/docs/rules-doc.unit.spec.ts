import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDocument } from '../../scripts/rules-doc';

describe('docs/rules.md', () => {
  it('is the shared rules and every case type table, as `npm run docs:rules` writes it', () => {
    const root = join(__dirname, '..', '..');
    expect(readFileSync(join(root, 'docs', 'rules.md'), 'utf8')).toBe(rulesDocument(root));
  });
});
