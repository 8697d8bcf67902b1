import type { FieldlabelDb } from '../db/database';
import { beginImport, finishImport, loadTaskIds, rollbackImport, writeTaskBatch, type TaskToStore } from '../db/imports';
import type { ImportRow, RowProblem } from '../db/rows';
import { createTextDecoder } from '../formats/decode';
import { detectLabelledFormat, type LabelFormat } from '../formats/spans/registry';
import { detectFormat } from '../formats/detect';
import { createRecordStream } from '../formats/records';
import { chooseTextField, recordToTask, taskContentKey } from '../formats/tasks';
import { FileFormatError, type ImportFormat, type RawRecord, type RecordItem } from '../formats/types';
import { JobRoom, type JobRoomDeps } from '../storage/job-room';

/** How much of the file the preview reads to find the format and the columns. */
const PREVIEW_BYTES = 256 * 1024;
/** Tasks per write transaction: large enough to amortise a commit, small enough to keep progress moving. */
const BATCH_SIZE = 2000;
/**
 * Bytes of storage per byte of file that an import may take, IndexedDB's compaction included: a 22 MB JSON Lines
 * file of short texts settled at 49 MB (2.2x) in Chromium, and compaction needs some room on top while it runs.
 */
export const STORED_BYTES_PER_FILE_BYTE = 3;

export interface FileInspection {
  fileName: string;
  format: ImportFormat;
  columns: string[];
  /** null when no column is clearly the text: the user must choose. */
  textField: string | null;
  sampleTexts: string[];
  /** Set when the file is another labelling tool's (Label Studio, CoNLL, …): what was recognised, and why. */
  labelled: { format: LabelFormat; reason: string } | null;
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
  /** Where the import checks, before it starts and before every batch, that the rest of the file fits. */
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

/** Reads the head of a file to tell its format and which column holds the text. Throws FileFormatError. */
export async function inspectFile(file: Blob, fileName: string): Promise<FileInspection> {
  const decoder = createTextDecoder(fileName);
  let head = '';
  for await (const chunk of readChunks(file.slice(0, PREVIEW_BYTES))) head += decoder.decode(chunk);
  if (file.size <= PREVIEW_BYTES) head += decoder.end();
  const labelled = detectLabelledFormat(fileName, head);
  const format = detectFormat(fileName, head);
  const stream = createRecordStream(format, fileName);
  const items = stream.push(head);
  // JSON arrays only yield records at the end; small files are complete here, so finish them too.
  if (file.size <= PREVIEW_BYTES || format === 'json') items.push(...safeEnd(stream, format, file.size));
  const records = items.filter((i): i is RawRecord => i.kind === 'record');
  const { columns, textField } = chooseTextField(records);
  const sampleTexts = textField === null ? [] : records.slice(0, 3).map((r) => String(r.fields[textField] ?? ''));
  return { fileName, format, columns, textField, sampleTexts, labelled };
}

function safeEnd(stream: ReturnType<typeof createRecordStream>, format: ImportFormat, size: number): RecordItem[] {
  // A JSON array cut off by the preview limit cannot parse; the real import reads it whole.
  if (format === 'json' && size > PREVIEW_BYTES) return [];
  return stream.end();
}

/**
 * Streams a file into the project: decode → parse → tasks → batched transactions. Bad rows are reported and
 * skipped; a file that is not what it claims, a cancel, or any failure takes the whole import back.
 */
export async function runImport(request: ImportRequest): Promise<ImportRow> {
  const { file, fileName } = request;
  const inspection = await inspectFile(file, fileName);
  const room = request.room ? await JobRoom.open(request.room, `importing ${fileName}`, file.size * STORED_BYTES_PER_FILE_BYTE) : null;
  try {
    return await storeRecords(request, inspection, room);
  } finally {
    await room?.close();
  }
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

  const flush = async () => {
    if (pending.length === 0 && problems.length === 0) return;
    await room?.use((progress.bytesRead - bytesStored) * STORED_BYTES_PER_FILE_BYTE, (file.size - bytesStored) * STORED_BYTES_PER_FILE_BYTE);
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
      if ('kind' in result) problems.push({ line: result.line, message: result.message });
      else pending.push({ id: result.key ?? taskContentKey(result.text), text: result.text, meta: result.meta });
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
    return await finishImport(db, run.id);
  } catch (error) {
    // What the import held back goes first: taking back what it stored needs room too.
    await room?.close();
    const cancelled = error instanceof ImportCancelled;
    const message = cancelled
      ? 'Import cancelled; nothing from this file was kept.'
      : `${error instanceof FileFormatError ? error.message : `${fileName}: ${String((error as Error).message ?? error)}`} — nothing from this file was kept.`;
    const row = await rollbackImport(db, run.id, cancelled ? 'cancelled' : 'failed', message);
    return row as ImportRow;
  }
}

class ImportCancelled extends Error {}
