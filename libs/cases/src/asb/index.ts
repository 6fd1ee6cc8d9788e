export { asbCaseType } from './asb.definition';
export { asbDecider } from './asb.decider';
export { ASB_COMMAND_SCHEMAS, type AsbCommand, type AsbCommandType } from './asb.commands';
export { ASB_EVENT_SCHEMAS, ASB_REPORTED_VERSION, type AsbEvent } from './asb.events';
export { asbPolicy } from './asb.policy';
export { type AsbState, type AsbStage, initialAsbState } from './asb.state';
export { ASB_UPCASTERS } from './asb.upcasters';
export * from './asb.vocabulary';
