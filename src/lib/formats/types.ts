// Types shared by the import parsers and export writers. Pure data: no DOM, no Dexie.

export type ImportFormat = 'text' | 'jsonl' | 'json' | 'csv' | 'tsv';

/** One raw record read from a file, before it becomes a task. `line` is 1-based, where the record starts. */
export interface RawRecord {
  kind: 'record';
  line: number;
  fields: Record<string, unknown>;
}

/** A record that could not be read; the rest of the file goes on. */
export interface RecordError {
  kind: 'error';
  line: number;
  message: string;
}

export type RecordItem = RawRecord | RecordError;

/** Incremental parser: text goes in chunk by chunk, finished records come out as soon as they are complete. */
export interface RecordStream {
  push(text: string): RecordItem[];
  end(): RecordItem[];
}

/** A task ready to be stored. `key` is the explicit id from the file, if it had one. */
export interface TaskDraft {
  key: string | null;
  text: string;
  meta: Record<string, unknown>;
  line: number;
}

/** The file as a whole is not what it claims to be (or is empty, or not text): nothing from it may be written. */
export class FileFormatError extends Error {
  readonly fileName: string;
  readonly line: number | null;
  constructor(fileName: string, line: number | null, problem: string) {
    super(`${fileName}${line === null ? '' : `, line ${line}`}: ${problem}`);
    this.name = 'FileFormatError';
    this.fileName = fileName;
    this.line = line;
  }
}

/** What export writers need to know about one task and its annotations. */
export interface ExportAnnotation {
  annotatorId: string;
  annotatorName: string;
  value: string[];
  status: 'labelled' | 'skipped';
  createdAt: number;
  updatedAt: number;
  revision: number;
}

export interface ExportTask {
  id: string;
  text: string;
  meta: Record<string, unknown>;
  annotations: ExportAnnotation[];
}
