import { CaseTypeDefinition } from './case-type';
import { CommandValidationError, UnknownCommandError } from './command-errors';
import { knownCommandTypes, parseCommand } from './command-parsing';
import { ToyCommandSchemas, toyDefinition } from './testing/toy-case.fixture';

function refusal(raw: { type: unknown; data: unknown }, definition: CaseTypeDefinition = toyDefinition): unknown {
  try {
    parseCommand(definition, raw);
  } catch (error) {
    return error;
  }
  throw new Error('expected the command to be refused');
}

const open = { title: 'Noise at no. 4', recipient: { name: 'A Person', dateOfBirth: '2001-05-06' } };

describe('parseCommand', () => {
  it('returns the typed command when the data matches its schema', () => {
    expect(parseCommand(toyDefinition, { type: 'OpenToy', data: open })).toEqual({ type: 'OpenToy', data: open });
  });

  it('returns what the schema produced, not the raw input', () => {
    // z.object strips keys it does not know; the decider never sees them.
    expect(parseCommand(toyDefinition, { type: 'AddNote', data: { text: 'seen', extra: 1 } })).toEqual({
      type: 'AddNote',
      data: { text: 'seen' },
    });
  });

  it('lists every invalid field path, not only the first', () => {
    const error = refusal({ type: 'OpenToy', data: { title: '', recipient: { name: 'A Person', dateOfBirth: '06/05/2001' } } });
    expect(error).toBeInstanceOf(CommandValidationError);
    const { code, issues, message } = error as CommandValidationError;
    expect(code).toBe('COMMAND_INVALID');
    expect(issues.map((i) => i.path)).toEqual(['data.title', 'data.recipient.dateOfBirth']);
    expect(message).toContain('data.recipient.dateOfBirth: Invalid ISO date');
  });

  it('names missing fields and a missing body', () => {
    const missing = refusal({ type: 'OpenToy', data: { recipient: {} } }) as CommandValidationError;
    expect(missing.issues).toEqual([
      { path: 'data.title', message: 'expected string, received undefined' },
      { path: 'data.recipient.name', message: 'expected string, received undefined' },
      { path: 'data.recipient.dateOfBirth', message: 'expected string, received undefined' },
    ]);
    const noBody = refusal({ type: 'AddNote', data: undefined }) as CommandValidationError;
    expect(noBody.issues).toEqual([{ path: 'data', message: 'expected object, received undefined' }]);
  });

  it('names each unknown field of a strict command', () => {
    const error = refusal({ type: 'CloseToy', data: { reason: 'done', because: 'x', why: 'y' } }) as CommandValidationError;
    expect(error.issues).toEqual([
      { path: 'data.because', message: 'unknown field' },
      { path: 'data.why', message: 'unknown field' },
    ]);
  });

  it('refuses an unknown command type, naming it and the known ones', () => {
    const error = refusal({ type: 'IssueCpn', data: {} });
    expect(error).toBeInstanceOf(UnknownCommandError);
    expect((error as UnknownCommandError).code).toBe('UNKNOWN_COMMAND');
    expect((error as UnknownCommandError).message).toBe(
      'Unknown command IssueCpn for case type toy; known commands: OpenToy, AddNote, CloseToy, ExpireDeadline',
    );
  });

  it('does not mistake an inherited property name for a command', () => {
    expect(refusal({ type: 'constructor', data: {} })).toBeInstanceOf(UnknownCommandError);
    expect(refusal({ type: '__proto__', data: {} })).toBeInstanceOf(UnknownCommandError);
  });

  it('refuses a type that is not a name', () => {
    const error = refusal({ type: 42, data: {} }) as CommandValidationError;
    expect(error).toBeInstanceOf(CommandValidationError);
    expect(error.issues).toEqual([{ path: 'type', message: 'must be the name of a command' }]);
  });

  describe('ExpireDeadline', () => {
    const { ExpireDeadline: _listed, ...ownCommands } = ToyCommandSchemas;
    const withoutExpire: CaseTypeDefinition = { ...toyDefinition, commands: ownCommands };
    const expire = { deadlineId: 'toy-1/FIRST_NOTE', dueAt: '2026-03-09T23:59:59.999Z' };

    it('is accepted by a case type that does not list it', () => {
      expect(knownCommandTypes(withoutExpire)).toEqual(['OpenToy', 'AddNote', 'CloseToy', 'ExpireDeadline']);
      expect(parseCommand(withoutExpire, { type: 'ExpireDeadline', data: expire })).toEqual({ type: 'ExpireDeadline', data: expire });
    });

    it('is validated like any command', () => {
      const error = refusal({ type: 'ExpireDeadline', data: { deadlineId: 'x', dueAt: 'tomorrow' } }, withoutExpire);
      expect((error as CommandValidationError).issues.map((i) => i.path)).toEqual(['data.dueAt']);
    });
  });
});
