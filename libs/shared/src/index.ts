export { ConfigSchema, type CasetrailConfig } from './config/config.schema';
export { ConfigError, loadConfig } from './config/load-config';
export { ConfigModule, CASETRAIL_CONFIG } from './config/config.module';
export { readConfigOrExit } from './config/read-config-or-exit';
export { loggerOptions } from './logging/logger-options';
export { registerDeadlineLateness, registerProjectionLag, registerQueueDepth, type QueueDepthSources } from './metrics/casetrail-metrics';
export { metricsTokenAccepted } from './metrics/metrics-token';
export { providerLookup } from './metrics/provider-lookup';
export { RefusedWrites, REFUSAL_REMEMBERED_MS } from './health/refused-writes';
