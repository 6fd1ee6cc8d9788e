import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Packages that are infrastructure: the domain must never import them. */
const INFRASTRUCTURE = [/^@nestjs\//, /^better-sqlite3$/, /^pg$/, /^pg-/, /^kysely/, /^ioredis$/, /^bullmq$/, /^@kurrent\//, /^@eventstore\//, /^express$/];

/** Entry points a lib publishes besides its index.ts. */
const PUBLIC_SUBPATHS = new Set(['@casetrail/event-store/testing', '@casetrail/workflow/testing']);

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!).filter(Boolean);
}

/** Domain code: the case types and the workflow core, less their framework wiring. */
export function isDomainFile(file: string): boolean {
  const path = file.split(sep).join('/');
  const inDomain = path.startsWith('libs/cases/src/') || path.startsWith('libs/workflow/src/');
  return inDomain && !/\.(module|controller|handler|provider)\.ts$/.test(path) && !path.includes('/nest/');
}

/** The lib (or app) a repository path belongs to, and for case types their folder. */
export function unitOf(path: string): string | undefined {
  const parts = path.split(sep).join('/').split('/');
  if (parts[0] === 'libs' && parts[1] === 'cases' && parts[2] === 'src' && parts[3] && !parts[3].endsWith('.ts')) {
    return `libs/cases/${parts[3]}`;
  }
  if ((parts[0] === 'libs' || parts[0] === 'apps') && parts[1]) return `${parts[0]}/${parts[1]}`;
  return undefined;
}

/** The rules, checked over one file's imports. `file` is relative to the repository root. */
export function checkFile(file: string, source: string): Violation[] {
  const violations: Violation[] = [];
  const unit = unitOf(file);
  for (const specifier of importsOf(source)) {
    if (isDomainFile(file) && INFRASTRUCTURE.some((pattern) => pattern.test(specifier))) {
      violations.push({ file, specifier, rule: 'domain code imports infrastructure' });
    }
    if (/^@casetrail\/[^/]+\/.+/.test(specifier) && !PUBLIC_SUBPATHS.has(specifier)) {
      violations.push({ file, specifier, rule: "imports another lib's internals instead of its index.ts" });
    }
    if (specifier.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
      const targetUnit = unitOf(target);
      if (unit && targetUnit && targetUnit !== unit) {
        // A folder with an index.ts publishes that index; reaching past it is reaching into internals.
        const isPublishedFolder = existsSync(join(ROOT, target, 'index.ts'));
        if (!isPublishedFolder) {
          violations.push({ file, specifier, rule: `reaches into ${targetUnit} by relative path instead of its index.ts` });
        }
      }
    }
  }
  if (isDomainFile(file) && !/\.spec\.ts$/.test(file) && !file.includes('/testing/')) {
    const clock = source.match(/Date\.now\(\)|Math\.random\(\)|new Date\(\)/);
    if (clock) violations.push({ file, specifier: clock[0], rule: 'domain code reads the clock or randomness' });
  }
  return violations;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir))) {
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

export function checkRepository(): Violation[] {
  return ['apps', 'libs']
    .flatMap((dir) => sourceFiles(dir))
    .flatMap((file) => checkFile(file, readFileSync(join(ROOT, file), 'utf8')));
}
