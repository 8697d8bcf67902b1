// Imports a file from another labelling tool. Such files are read whole (a CoNLL sentence or a Label Studio task
// can only be judged complete in context), then stored in one transaction, so a bad line anywhere means nothing
// from the file is kept.
import type { FieldlabelDb } from '../db/database';
import { writeLabelledImport } from '../db/labelled-import';
import { getProject } from '../db/projects';
import type { ImportRow } from '../db/rows';
import { createTextDecoder } from '../formats/decode';
import { readLabelledFile, readNotes, type LabelFormat, type ReadOptions } from '../formats/spans/registry';
import { planLabelledImport } from '../formats/spans/labelled-plan';
import { refusedByCompareProject } from '../formats/compare/plan';
import { JobRoom, type JobRoomDeps } from '../storage/job-room';
import { STORED_BYTES_PER_FILE_BYTE } from '../storage/room';
import type { ImportProgress } from './run-import';

export interface LabelledImportRequest {
  db: FieldlabelDb;
  projectId: string;
  file: Blob;
  fileName: string;
  format: LabelFormat;
  options: ReadOptions;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Where the import checks, before it reads the file, that all of it fits (it is stored in one transaction). */
  room?: JobRoomDeps;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled; nothing from this file was kept.');
    this.name = 'ImportCancelledError';
  }
}

/** Resolves with the finished import; throws, having written nothing, when the file cannot be taken whole. */
export async function runLabelledImport(request: LabelledImportRequest): Promise<ImportRow> {
  const { file, fileName } = request;
  const room = request.room ? await JobRoom.open(request.room, `importing ${fileName}`, file.size * STORED_BYTES_PER_FILE_BYTE) : null;
  return readAndStore(request, room);
}

async function readAndStore(request: LabelledImportRequest, room: JobRoom | null): Promise<ImportRow> {
  const { db, projectId, file, fileName, signal } = request;
  const text = await readWholeText(file, fileName, signal, request.onProgress);
  const read = readLabelledFile(request.format, text, fileName, request.options);
  if (signal?.aborted) throw new ImportCancelledError();
  const project = await getProject(db, projectId);
  if (!project) throw new Error('The project no longer exists.');
  if (project.taskType === 'compare') throw new Error(refusedByCompareProject(fileName, project.name));
  const plan = planLabelledImport(read.docs, project, fileName);
  await room?.use(file.size * STORED_BYTES_PER_FILE_BYTE);
  // What reading the file left out comes first in the summary, then what this project could not take.
  return writeLabelledImport(db, projectId, fileName, request.format, { ...plan, notes: [...readNotes(read), ...plan.notes] });
}

/** A file read whole, decoded, with progress; throws ImportCancelledError when `signal` aborts it. */
export async function readWholeText(file: Blob, fileName: string, signal: AbortSignal | undefined, onProgress: ((progress: ImportProgress) => void) | undefined): Promise<string> {
  const progress: ImportProgress = { bytesRead: 0, totalBytes: file.size, added: 0, duplicates: 0, rejected: 0 };
  const decoder = createTextDecoder(fileName);
  const parts: string[] = [];
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (signal?.aborted) throw new ImportCancelledError();
      parts.push(decoder.decode(value));
      progress.bytesRead += value.byteLength;
      onProgress?.({ ...progress });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  parts.push(decoder.end());
  return parts.join('');
}
