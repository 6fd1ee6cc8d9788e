import { ModuleRef } from '@nestjs/core';

/**
 * Finds a provider when the metrics are scraped, not when they are registered: the modules that
 * own what is measured are built later, and some are absent by configuration (undefined then).
 */
export function providerLookup(moduleRef: ModuleRef) {
  return <T>(token: unknown): T | undefined => {
    try {
      return moduleRef.get<T>(token as never, { strict: false });
    } catch {
      return undefined;
    }
  };
}
