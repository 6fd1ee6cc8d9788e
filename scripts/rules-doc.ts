import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/rules.md is gathered from docs/rules/*.md: the shared rules, then each case type's table. */
const PARTS = ['shared', 'asb', 'cpw-cpn', 'community-trigger', 'da-referral'];

export function rulesDocument(root: string): string {
  return PARTS.map((part, index) => {
    const text = readFileSync(join(root, 'docs', 'rules', `${part}.md`), 'utf8').trimEnd();
    // The shared part carries the document's title; case types become its sections.
    return index === 0 ? text : text.replace(/^## /gm, '### ').replace(/^# /, '## ');
  }).join('\n\n') + '\n';
}

if (require.main === module) {
  const root = join(__dirname, '..');
  writeFileSync(join(root, 'docs', 'rules.md'), rulesDocument(root));
  process.stdout.write('docs/rules.md written\n');
}
