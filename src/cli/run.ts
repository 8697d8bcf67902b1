// Dispatch: find the command, parse its arguments, run it, and turn failures into messages and exit codes
// (0 done, 1 bad data or a failure while running, 2 the command was called wrongly).
import { commandHelp, parseArgs, UsageError } from './args';
import { COMMANDS } from './commands/index';
import type { CliIo } from './io';
import { DataError } from './labelled-jsonl';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    io.stderr(`fieldlabel: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.spec.name).join(', ')}\n`);
    return 2;
  }
  try {
    const args = parseArgs(command.spec, rest);
    if (args.help) {
      io.stdout(commandHelp(command.spec));
      return 0;
    }
    await command.run(args, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`fieldlabel ${error.message}\n`);
      return 2;
    }
    if (error instanceof DataError) {
      io.stderr(`fieldlabel ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  const lines = ['fieldlabel: command-line tools for fieldlabel projects', '', 'Usage: fieldlabel <command> [options]', ''];
  for (const c of COMMANDS) lines.push(`  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`);
  lines.push('', 'Run "fieldlabel <command> --help" for its options.');
  return `${lines.join('\n')}\n`;
}
