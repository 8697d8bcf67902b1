// Running one command in a test, with its output captured.
import { parseArgs } from '../../../src/cli/args';
import type { Command } from '../../../src/cli/commands/command';
import { DataError } from '../../../src/cli/labelled-jsonl';

/**
 * Runs a command as runCli does once it is registered: flags through the real parser, DataError as exit code 1.
 * The files are set after parsing, because parseArgs does not take repeated positionals yet.
 */
export async function cli(command: Command, files: string[], ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  try {
    await command.run({ ...parseArgs(command.spec, [files[0] as string, ...flags]), positionals: files }, io);
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { code: 1, stdout, stderr: `${stderr}fieldlabel ${command.spec.name}: ${error.message}\n` };
  }
}
