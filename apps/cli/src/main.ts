import 'reflect-metadata';
import { readConfigOrExit } from '@casetrail/shared';
import { cliStoreFor } from './cli-store';
import { CLI_COMMANDS, CliCommand } from './commands';

/** `npm run cli -- <command> [options]`: operator and auditor commands. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command: CliCommand | undefined = CLI_COMMANDS.find((c) => c.name === name);
  if (!command || name === 'help') {
    process.stdout.write(usage());
    return name === undefined || name === 'help' ? 0 : 64;
  }
  const config = readConfigOrExit(process.env);
  const { store, close } = await cliStoreFor(command.name, config);
  try {
    return await command.run(args, { store, config, out: (line) => process.stdout.write(`${line}\n`) });
  } finally {
    await close();
  }
}

function usage(): string {
  const lines = CLI_COMMANDS.map((c) => `  ${c.usage.padEnd(36)} ${c.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
