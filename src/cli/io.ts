// Where a command's output goes. Real runs write to the process streams; tests pass collectors.

export interface CliIo {
  /** Results (JSON and the like): what a pipe receives. */
  stdout(text: string): void;
  /** Progress and errors, for the person watching. */
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
