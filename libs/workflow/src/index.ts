export * from './decider';
export * from './calendar';
export * from './deadlines';
export * from './case-type';
export * from './personal-data';
export { BankHolidayCalendar, MissingBankHolidayYearError } from './bank-holiday-calendar';
export { StaticPolicy, PolicyNotInForceError, type PolicyEntry, type PolicyTable } from './policy/static-policy';
export { UpcasterRegistry, type Upcaster, type VersionedEvent } from './upcasters';
export { loadPolicyDirectory, type PolicySection } from './policy/policy-loader';
export { PolicyFileError } from './policy/policy-file.error';
export { loadBankHolidays, BankHolidayFileError, BankHolidayFileSchema } from './bank-holiday-loader';
export { CommandValidationError, UnknownCommandError, CaseNotFoundError, type CommandIssue } from './command-errors';
export { parseCommand, knownCommandTypes } from './command-parsing';
export {
  handleCommand,
  type CommandHandlerDeps,
  type CommandRequest,
  type CommandOutcome,
} from './command-handler';
export { type CommandProvenance, commandMetadata } from './command-envelope';
export { CaseStates, type CaseSnapshot, type CaseStatesOptions } from './case-states';
export { loadCase, foldCase, upcasterRegistryOf, type LoadCaseOptions, type LoadedCase } from './case-loader';
export { commandEventId, nameBasedUuid, COMMAND_EVENT_NAMESPACE } from './event-id';
export { canonicalJson, chainHeadOf, eventHash, hashedMetadata, GENESIS_HASH, UNHASHED_METADATA_KEYS, type HashedContent } from './event-hash';
