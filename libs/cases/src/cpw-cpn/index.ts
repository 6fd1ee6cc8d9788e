export { cpwCpnCaseType } from './cpw-cpn.definition';
export { cpwCpnDecider } from './cpw-cpn.decider';
export { cpwCpnPolicy, type CpwCpnPolicyValues } from './cpw-cpn.policy';
export { CPW_CPN_COMMAND_SCHEMAS, type CpwCpnCommand, type CpwCpnCommandType } from './cpw-cpn.commands';
export { CPW_CPN_EVENT_SCHEMAS, type CpwCpnEvent, type CpwCpnEventType } from './cpw-cpn.events';
export { type CpwCpnState } from './cpw-cpn.state';
