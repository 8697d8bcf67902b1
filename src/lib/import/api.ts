// The contract between the page and the import worker: both sides import this file.
import type { ImportRow } from '../db/rows';
import type { CompareReadFormat } from '../formats/compare/format-names';
import type { LabelFormat, ReadOptions } from '../formats/spans/registry';
import type { FileInspection, ImportProgress } from './run-import';

export type { FileInspection, ImportProgress };

export interface ImportApi {
  /** Reads the head of the file: format, columns and the text column (null when the user must pick). */
  inspect(file: File): Promise<FileInspection>;
  /** Imports the whole file; resolves with the finished import (done, cancelled or failed — never half-written). */
  run(file: File, projectId: string, textField: string, onProgress: (progress: ImportProgress) => void): Promise<ImportRow>;
  /** Imports a file of another labelling tool whole: tasks, its labels and its pre-annotations, or nothing. */
  runLabelled(file: File, projectId: string, format: LabelFormat, options: ReadOptions, onProgress: (progress: ImportProgress) => void): Promise<ImportRow>;
  /** Imports a file of responses to compare into a compare project whole: tasks, judgements and judge verdicts, or nothing. */
  runCompare(file: File, projectId: string, format: CompareReadFormat, onProgress: (progress: ImportProgress) => void): Promise<ImportRow>;
  /** Stops the running import and takes back what it had written. */
  cancel(): void;
}

/** Web Lock held while an import runs, so another tab never rolls back an import that is still alive. */
export function importLockName(importId: string): string {
  return `fieldlabel-import-${importId}`;
}
