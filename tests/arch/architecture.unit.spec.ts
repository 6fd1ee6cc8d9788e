import { checkFile, checkRepository, isDomainFile } from './import-rules';

describe('architecture', () => {
  it('keeps the domain free of infrastructure, the clock, and other libs\' internals', () => {
    expect(checkRepository()).toEqual([]);
  });

  // The checker itself, so the test above can fail when it should.
  describe('the rules catch', () => {
    it('a decider that imports NestJS or a database client', () => {
      const source = "import { Injectable } from '@nestjs/common';\nimport Database from 'better-sqlite3';\nimport { Pool } from 'pg';";
      expect(checkFile('libs/cases/src/asb/asb.decider.ts', source).map((v) => v.specifier)).toEqual([
        '@nestjs/common',
        'better-sqlite3',
        'pg',
      ]);
    });

    it('a decider that reads the clock', () => {
      expect(checkFile('libs/cases/src/asb/asb.decider.ts', 'const t = Date.now();')).toHaveLength(1);
      expect(checkFile('libs/workflow/src/deadlines.ts', 'const t = new Date();')).toHaveLength(1);
      expect(checkFile('libs/workflow/src/deadlines.ts', 'const t = new Date(iso);')).toHaveLength(0);
    });

    it("an import of another lib's internals, by alias or relative path", () => {
      expect(checkFile('apps/api/src/x.ts', "import { X } from '@casetrail/event-store/sqlite/sqlite-event-store';")).toHaveLength(1);
      expect(checkFile('libs/workflow/src/x.ts', "import { X } from '../../event-store/src/errors';")).toHaveLength(1);
      expect(checkFile('libs/cases/src/asb/x.ts', "import { X } from '../cpw-cpn/cpw-cpn.decider';")).toHaveLength(1);
    });

    it('but allows published entry points', () => {
      const source = [
        "import { X } from '@casetrail/event-store';",
        "import { Y } from '@casetrail/workflow/testing';",
        "import { Z } from '../cpw-cpn';",
        "import { W } from './asb.events';",
      ].join('\n');
      expect(checkFile('libs/cases/src/asb/asb.decider.ts', source)).toEqual([]);
    });

    it('Nest wiring beside a case type is not domain code', () => {
      expect(isDomainFile('libs/cases/src/asb/asb.module.ts')).toBe(false);
      expect(isDomainFile('libs/cases/src/asb/asb.decider.ts')).toBe(true);
    });
  });
});
