// Running the command-line tool in a test, with its output captured, and a scratch folder for its files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import type { Command } from '../../../src/cli/commands/command';
import type { CliIo } from '../../../src/cli/io';
import { DataError } from '../../../src/cli/labelled-jsonl';
import { runCli } from '../../../src/cli/run';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { io: CliIo; result: (code: number, trailer?: string) => CliResult } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  return { io, result: (code, trailer = '') => ({ code, stdout, stderr: stderr + trailer }) };
}

/** `fieldlabel <argv…>` as a person types it: the whole tool, its exit code and what it printed. */
export async function fieldlabel(...argv: string[]): Promise<CliResult> {
  const { io, result } = capture();
  return result(await runCli(argv, io));
}

/**
 * Runs a command as runCli does once it is registered: flags through the real parser, DataError as exit code 1.
 * The files are set after parsing, because parseArgs does not take repeated positionals yet.
 */
export async function cli(command: Command, files: string[], ...flags: string[]): Promise<CliResult> {
  const { io, result } = capture();
  try {
    await command.run({ ...parseArgs(command.spec, [files[0] as string, ...flags]), positionals: files }, io);
    return result(0);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return result(1, `fieldlabel ${command.spec.name}: ${error.message}\n`);
  }
}

/** A folder made before the file's (or describe block's) tests and removed after them; call it at that level. */
export function scratchFolder(prefix: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
