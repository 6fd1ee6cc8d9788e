import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ReadModels } from './read-models.service';

/**
 * The readiness check for the read models: down, with the event each one stopped on, while any
 * projection is stopped on a failure (recorded by this process or by the worker). A projection
 * that is only behind is not a reason to refuse traffic: `consistentWith` covers that.
 */
export async function projectionsHealthy(readModels: ReadModels, indicator: HealthIndicatorService): Promise<HealthIndicatorResult> {
  const check = indicator.check('projections');
  try {
    const failed = await readModels.failures();
    if (failed.length === 0) return check.up({ running: readModels.statuses().length });
    return check.down({ message: `${failed.length} projection(s) stopped on an event`, failed });
  } catch {
    return check.down({ message: 'projection state could not be read' });
  }
}
