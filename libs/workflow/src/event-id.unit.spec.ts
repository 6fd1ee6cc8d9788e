import { commandEventId, nameBasedUuid } from './event-id';

const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('nameBasedUuid', () => {
  it('matches the published version 5 vector (python.org in the DNS namespace)', () => {
    expect(nameBasedUuid(NAMESPACE_DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('accepts the namespace in upper case', () => {
    expect(nameBasedUuid(NAMESPACE_DNS.toUpperCase(), 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedUuid('dns', 'python.org')).toThrow(RangeError);
  });
});

describe('commandEventId', () => {
  it('never changes for an id already written (the namespace is fixed)', () => {
    // Computed independently: Python uuid.uuid5(UUID('7c8e5dc2-fd14-4324-ba9d-28290a2a08dd'), 'cmd-1/0').
    expect(commandEventId('cmd-1', 0)).toBe('01ae970c-c0b9-5dcb-89b4-821706cf87dd');
  });

  it('is the same for the same command and index, and differs otherwise', () => {
    const first = commandEventId('cmd-1', 0);
    expect(commandEventId('cmd-1', 0)).toBe(first);
    expect(new Set([first, commandEventId('cmd-1', 1), commandEventId('cmd-2', 0)]).size).toBe(3);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
