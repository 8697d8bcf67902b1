// Imports a compare file (TRL, OpenAI, Label Studio pairwise, a JSONL of responses, our own compare JSONL) into a
// compare project: read whole, checked against the project's rubric, stored in one transaction, so a bad line
// anywhere means nothing from the file is kept.
import type { FieldlabelDb } from '../db/database';
import { writeCompareImport } from '../db/compare-import';
import { getProject } from '../db/projects';
import type { ImportRow } from '../db/rows';
import { planCompareImport, refusedByOtherProject } from '../formats/compare/plan';
import { COMPARE_READ_FORMATS, readCompareFile, type CompareReadFormat } from '../formats/compare/registry';
import { JobRoom, type JobRoomDeps } from '../storage/job-room';
import { STORED_BYTES_PER_FILE_BYTE } from '../storage/room';
import type { ImportProgress } from './run-import';
import { ImportCancelledError, readWholeText } from './run-labelled-import';

export interface CompareImportRequest {
  db: FieldlabelDb;
  projectId: string;
  file: Blob;
  fileName: string;
  format: CompareReadFormat;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Where the import checks, before it reads the file, that all of it fits (it is stored in one transaction). */
  room?: JobRoomDeps;
}

/** Resolves with the finished import; throws, having written nothing, when the file cannot be taken whole. */
export async function runCompareImport(request: CompareImportRequest): Promise<ImportRow> {
  const { db, projectId, file, fileName, format, signal } = request;
  const room = request.room ? await JobRoom.open(request.room, `importing ${fileName}`, file.size * STORED_BYTES_PER_FILE_BYTE) : null;
  const project = await getProject(db, projectId);
  if (!project) throw new Error('The project no longer exists.');
  // Refused before the file is read: a file for another kind of project is not worth reading whole.
  const title = COMPARE_READ_FORMATS[format];
  const refusal = refusedByOtherProject(fileName, project, title);
  if (refusal !== null) throw new Error(refusal);
  const text = await readWholeText(file, fileName, signal, request.onProgress);
  const read = readCompareFile(format, text, fileName);
  if (signal?.aborted) throw new ImportCancelledError();
  const plan = planCompareImport(read, project, title);
  await room?.use(file.size * STORED_BYTES_PER_FILE_BYTE);
  return writeCompareImport(db, projectId, fileName, format, plan);
}
