// Three tiers, named by file suffix (STYLE.md): unit (no I/O), int (real SQLite/PostgreSQL/Redis),
// e2e (HTTP or browser). `npm test` runs them all; `--selectProjects` picks one.
const swcrc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const moduleNameMapper = {
  '^@casetrail/shared$': '<rootDir>/libs/shared/src/index.ts',
  '^@casetrail/event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^@casetrail/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
  '^@casetrail/workflow$': '<rootDir>/libs/workflow/src/index.ts',
  '^@casetrail/workflow/testing$': '<rootDir>/libs/workflow/src/testing/index.ts',
  '^@casetrail/cases$': '<rootDir>/libs/cases/src/index.ts',
  '^@casetrail/persistence$': '<rootDir>/libs/persistence/src/index.ts',
  '^@casetrail/projections$': '<rootDir>/libs/projections/src/index.ts',
  '^@casetrail/audit$': '<rootDir>/libs/audit/src/index.ts',
  '^@casetrail/privacy$': '<rootDir>/libs/privacy/src/index.ts',
  '^@casetrail/scheduling$': '<rootDir>/libs/scheduling/src/index.ts',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcrc] },
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

// Hang guards, not speed checks: CI shares two cores with whatever else runs, and a suite that
// passes in seconds alone can take minutes under load. A hook or test that truly hangs still fails.
const HANG_GUARD_MS = 60_000;

module.exports = {
  // The global setup is TypeScript too, so the top level needs the same transform.
  transform: base.transform,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: HANG_GUARD_MS,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tests}/**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,tests}/**/*.int.spec.ts'], slowTestThreshold: 60 },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,tests}/**/*.e2e.spec.ts'] },
  ],
};
