export { ConfigSchema, type CasetrailConfig } from './config/config.schema';
export { ConfigError, loadConfig } from './config/load-config';
