import type { FieldlabelDb } from '../db/database';
import { beginImport, finishImport, loadTaskIds, rollbackImport, writeTaskBatch, type TaskToStore } from '../db/imports';
import type { ImportRow, RowProblem } from '../db/rows';
import { createTextDecoder } from '../formats/decode';
import { detectLabelledFormat, type LabelFormat } from '../formats/spans/registry';
import { COMPARE_READ_FORMATS, detectCompareFormat, type DetectedCompareFormat } from '../formats/compare/registry';
import { refusedByCompareProject, refusedByOtherProject } from '../formats/compare/plan';
import { getProject } from '../db/projects';
import { detectFormat } from '../formats/detect';
import { createRecordStream } from '../formats/records';
import { chooseTextField, chooseTextFieldOrRefuse, nothingReadable, recordToTask, taskContentKey } from '../formats/tasks';
import { FileFormatError, type ImportFormat, type RawRecord, type RecordError, type RecordItem } from '../formats/types';
import { JobRoom, type JobRoomDeps } from '../storage/job-room';
import { labelledChoices, type LabelledChoices } from './labelled-choices';
import { STORED_BYTES_PER_FILE_BYTE } from '../storage/room';

/**
 * How much of the file the preview reads at least to find the format and the columns. It reads on past this only
 * until one record is complete (a first line longer than this): each parser refuses a record longer than
 * MAX_RECORD_CHARS, so the preview never holds more than that beyond it.
 */
const PREVIEW_BYTES = 256 * 1024;
/** Tasks per write transaction: large enough to amortise a commit, small enough to keep progress moving. */
const BATCH_SIZE = 2000;

export interface FileInspection {
  fileName: string;
  format: ImportFormat;
  /** Every field the preview saw. */
  columns: string[];
  /** The fields holding text in at least one previewed record: never empty, so there is always one to pick. */
  textColumns: string[];
  /** null when no column is clearly the text: the user must choose one of `textColumns`. */
  textField: string | null;
  sampleTexts: string[];
  /** Set when the file is another labelling tool's (Label Studio, CoNLL, …): what was recognised, why, and what to ask. */
  labelled: { format: LabelFormat; reason: string; choices: LabelledChoices } | null;
  /** Set when the file holds responses to compare (TRL, OpenAI, Label Studio pairwise, …): for compare projects only. */
  compare: DetectedCompareFormat | null;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  added: number;
  duplicates: number;
  rejected: number;
}

export interface ImportRequest {
  db: FieldlabelDb;
  projectId: string;
  file: Blob;
  fileName: string;
  textField: string;
  signal?: AbortSignal;
  onStarted?: (importId: string) => void;
  onProgress?: (progress: ImportProgress) => void;
  /** Where the import checks, before it starts and before every batch, that the rest of the file surely fits. */
  room?: JobRoomDeps;
}

async function* readChunks(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads the head of a file to tell its format and which column holds the text. Throws FileFormatError when the
 * file cannot be imported: not text, not its format, or not one task in it.
 */
export async function inspectFile(file: Blob, fileName: string): Promise<FileInspection> {
  const decoder = createTextDecoder(fileName);
  let offset = 0;
  const readMore = async (): Promise<string> => {
    const end = Math.min(file.size, offset + PREVIEW_BYTES);
    let text = '';
    for await (const chunk of readChunks(file.slice(offset, end))) text += decoder.decode(chunk);
    offset = end;
    return offset === file.size ? text + decoder.end() : text;
  };
  const head = await readMore();
  const compare = detectCompareFormat(fileName, head);
  const detected = compare === null ? detectLabelledFormat(fileName, head) : null;
  const format = detectFormat(fileName, head);
  const stream = createRecordStream(format, fileName);
  const records: RawRecord[] = [];
  let firstProblem: RecordError | null = null;
  const take = (items: RecordItem[]) => {
    for (const item of items) {
      if (item.kind === 'record') records.push(item);
      else firstProblem ??= item;
    }
  };
  take(stream.push(head));
  while (offset < file.size && records.length === 0) take(stream.push(await readMore()));
  if (offset === file.size) take(stream.end());
  // Another tool's file is read by its own reader; its records need no text field of their own.
  const { columns, textColumns, textField } =
    detected === null && compare === null ? chooseTextFieldOrRefuse(fileName, records, firstProblem) : chooseTextField(records);
  const sampleTexts = textField === null ? [] : records.slice(0, 3).map((r) => String(r.fields[textField] ?? ''));
  const labelled = detected === null ? null : { ...detected, choices: labelledChoices(detected.format, records) };
  return { fileName, format, columns, textColumns, textField, sampleTexts, labelled, compare };
}

/**
 * Streams a file into the project: decode → parse → tasks → batched transactions. Bad rows are reported and
 * skipped; a file that is not what it claims, a cancel, or any failure takes the whole import back.
 */
export async function runImport(request: ImportRequest): Promise<ImportRow> {
  const { file, fileName } = request;
  const inspection = await inspectFile(file, fileName);
  await refuseOtherKind(request, inspection);
  const room = request.room ? await JobRoom.open(request.room, `importing ${fileName}`, file.size * STORED_BYTES_PER_FILE_BYTE) : null;
  return storeRecords(request, inspection, room);
}

/** A file of texts never goes into a compare project, nor a file of responses to compare into one of texts. */
async function refuseOtherKind({ db, projectId, fileName }: ImportRequest, inspection: FileInspection): Promise<void> {
  const project = await getProject(db, projectId);
  if (!project) throw new Error('The project no longer exists.');
  if (project.taskType === 'compare') throw new Error(refusedByCompareProject(fileName, project.name));
  const refusal = inspection.compare === null ? null : refusedByOtherProject(fileName, project, COMPARE_READ_FORMATS[inspection.compare.format]);
  if (refusal !== null) throw new Error(refusal);
}

async function storeRecords(request: ImportRequest, inspection: FileInspection, room: JobRoom | null): Promise<ImportRow> {
  const { db, projectId, file, fileName, textField, signal, onProgress } = request;
  const run = await beginImport(db, projectId, fileName, inspection.format);
  request.onStarted?.(run.id);
  const known = await loadTaskIds(db, projectId);
  const progress: ImportProgress = { bytesRead: 0, totalBytes: file.size, added: 0, duplicates: 0, rejected: 0 };
  let pending: TaskToStore[] = [];
  let problems: RowProblem[] = [];
  let bytesStored = 0;
  let firstProblem: RecordError | null = null;

  const flush = async () => {
    if (pending.length === 0 && problems.length === 0) return;
    await room?.use((file.size - bytesStored) * storedPerFileByte(room, bytesStored));
    const result = await writeTaskBatch(db, run.id, pending, problems, known).catch((error: unknown) => {
      throw room ? room.explain(error, (file.size - bytesStored) * STORED_BYTES_PER_FILE_BYTE) : error;
    });
    bytesStored = progress.bytesRead;
    progress.added += result.added;
    progress.duplicates += result.duplicates;
    progress.rejected += problems.length;
    pending = [];
    problems = [];
    onProgress?.({ ...progress });
  };
  const take = async (items: RecordItem[]) => {
    for (const item of items) {
      const result = item.kind === 'record' ? recordToTask(item, textField) : item;
      if ('kind' in result) {
        problems.push({ line: result.line, message: result.message });
        firstProblem ??= result;
      } else {
        const id = result.key ?? taskContentKey(result.text);
        pending.push({ id, text: result.text, meta: result.meta, line: result.line, idFromFile: result.key !== null });
      }
      if (pending.length >= BATCH_SIZE) await flush();
    }
  };

  try {
    const decoder = createTextDecoder(fileName);
    const stream = createRecordStream(inspection.format, fileName);
    for await (const chunk of readChunks(file)) {
      if (signal?.aborted) throw new ImportCancelled();
      progress.bytesRead += chunk.byteLength;
      await take(stream.push(decoder.decode(chunk)));
    }
    await take(stream.push(decoder.end()));
    await take(stream.end());
    if (signal?.aborted) throw new ImportCancelled();
    await flush();
    if (progress.added + progress.duplicates === 0 && firstProblem !== null) throw nothingReadable(fileName, firstProblem);
    return await finishImport(db, run.id);
  } catch (error) {
    const cancelled = error instanceof ImportCancelled;
    const message = cancelled
      ? 'Import cancelled; nothing from this file was kept.'
      : `${error instanceof FileFormatError ? error.message : `${fileName}: ${String((error as Error).message ?? error)}`} — nothing from this file was kept.`;
    const row = await rollbackImport(db, run.id, cancelled ? 'cancelled' : 'failed', message);
    return row as ImportRow;
  }
}

class ImportCancelled extends Error {}

/**
 * Storage per byte of file for the rest of an import: the usual 3, or more when this file has cost more so far
 * (measured once a few megabytes are in, with a fifth on top for the compaction still to come).
 */
export function storedPerFileByte(room: Pick<JobRoom, 'grownBy'>, bytesStored: number): number {
  if (bytesStored < 4_000_000) return STORED_BYTES_PER_FILE_BYTE;
  return Math.max(STORED_BYTES_PER_FILE_BYTE, (1.2 * room.grownBy) / bytesStored);
}
