// What every fieldlabel command provides: its declaration (flags, help) and what it does with parsed arguments.
import type { CommandSpec, ParsedArgs } from '../args';
import type { CliIo } from '../io';

export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: CliIo): Promise<void>;
}
