export { describeEventStoreContract, type ContractHarness } from './event-store.contract';
export { anEvent, events, uniqueStream } from './fixtures';
