export * from './decider';
export * from './calendar';
export * from './deadlines';
export * from './case-type';
export * from './personal-data';
export { BankHolidayCalendar, MissingBankHolidayYearError } from './bank-holiday-calendar';
export { StaticPolicy, PolicyNotInForceError, type PolicyEntry, type PolicyTable } from './policy/static-policy';
export { UpcasterRegistry, type Upcaster, type VersionedEvent } from './upcasters';
