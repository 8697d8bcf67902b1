// Our own task export (JSONL and CSV, written by ../jsonl-export.ts and ../csv-export.ts) as labelled documents,
// so that the convert command can take labels out of fieldlabel and bring them from one format to another. Which
// field is the text, what the id is and what goes into meta is decided as task import decides it (../tasks.ts).
// An annotation's value is its label names, and for span tasks its spans as "start:end:label" strings
// (../../spans/span-value.ts), told apart by their shape. The export knows no predictions and no scores; it needs
// times, and a converted annotation has none, so the time of writing stands in for them.

import { encodeSpans, decodeSpan } from '../../spans/span-value';
import { metaKeysOf, writeTasksCsv } from '../csv-export';
import { createDelimitedStream } from '../delimited';
import { writeTasksJsonl } from '../jsonl-export';
import { chooseTextField, recordToTask, taskContentKey } from '../tasks';
import type { ExportTask, RawRecord, TaskDraft } from '../types';
import { FormatProblem, judgement, type DocJudgement, type LabelledDoc, type Span } from './document';
import { readJsonLines, refusalAsProblem } from './json-records';

export interface TaskExportReadOptions {
  /** The field holding the text; by default the one task import would pick. */
  textField?: string;
}

const STATUSES = ['labelled', 'skipped'];
const CSV_ANNOTATION_COLUMNS = ['annotator', 'annotator_name', 'labels', 'status', 'updated_at'];
const CSV_LABEL_SEPARATOR = '|';

export function readJsonl(text: string, fileName: string, options: TaskExportReadOptions = {}): LabelledDoc[] {
  const lines = readJsonLines(text, fileName);
  const records = lines.map((line): RawRecord => ({ kind: 'record', line: line.line, fields: line.fields }));
  const textField = textFieldOf(fileName, records, options);
  return lines.map((line, i) => {
    const draft = taskOf(fileName, records[i] as RawRecord, textField);
    const annotations = line.arrayOrNone('annotations').map((value, j) => {
      const field = `annotations[${j}]`;
      const annotation = line.object(value, field);
      const labels = line.expect(annotation['value'], `${field}.value`, 'a list of label names', isStringArray);
      const annotator = typeof annotation['annotator'] === 'string' ? annotation['annotator'] : '';
      return exportedJudgement(fileName, line.line, `${field}.status`, annotator, labels, annotation['status']);
    });
    return { id: draft.key, text: draft.text, meta: draft.meta, annotations, predictions: [] };
  });
}

/** One row per annotation; rows of the same id are one task. */
export function readCsv(text: string, fileName: string, options: TaskExportReadOptions = {}): LabelledDoc[] {
  const stream = createDelimitedStream(fileName, ',');
  const items = refusalAsProblem(() => [...stream.push(text.replace(/^\uFEFF/, '')), ...stream.end()]);
  const records = items.map((item) => {
    if (item.kind === 'error') throw new FormatProblem(fileName, item.line, null, item.message);
    return item;
  });
  const textField = textFieldOf(fileName, records, options);
  const docs: LabelledDoc[] = [];
  const byId = new Map<string, LabelledDoc>();
  for (const record of records) {
    const draft = taskOf(fileName, record, textField);
    const ours = CSV_ANNOTATION_COLUMNS.every((column) => column in record.fields);
    let doc = draft.key === null ? undefined : byId.get(draft.key);
    if (doc === undefined) {
      doc = { id: draft.key, text: draft.text, meta: ours ? csvMeta(draft.meta) : draft.meta, annotations: [], predictions: [] };
      docs.push(doc);
      if (draft.key !== null) byId.set(draft.key, doc);
    }
    const cells = record.fields as Record<string, string>;
    if (ours && (cells['annotator'] !== '' || cells['labels'] !== '' || cells['status'] !== '')) {
      const labels = cells['labels'] === '' ? [] : (cells['labels'] as string).split(CSV_LABEL_SEPARATOR);
      doc.annotations.push(exportedJudgement(fileName, record.line, 'status', cells['annotator'] as string, labels, cells['status']));
    }
  }
  return docs;
}

/** `now` (milliseconds) is written as every annotation's created_at and updated_at. */
export function writeJsonl(docs: readonly LabelledDoc[], now: number): string {
  return writeTasksJsonl(docs.map((doc) => exportTask(doc, now))).join('');
}

export function writeCsv(docs: readonly LabelledDoc[], now: number): string {
  const tasks = docs.map((doc) => exportTask(doc, now));
  return writeTasksCsv(tasks, metaKeysOf(tasks)).join('');
}

function textFieldOf(fileName: string, records: RawRecord[], options: TaskExportReadOptions): string {
  if (options.textField !== undefined) return options.textField;
  const { columns, textField } = chooseTextField(records);
  if (textField !== null) return textField;
  const fields = columns.map((column) => JSON.stringify(column)).join(', ');
  throw new FormatProblem(fileName, null, null, `cannot tell which field holds the text (fields: ${fields}); name the text field`);
}

function taskOf(fileName: string, record: RawRecord, textField: string): TaskDraft {
  const task = recordToTask(record, textField);
  if ('kind' in task) throw new FormatProblem(fileName, task.line, null, task.message);
  return task;
}

function exportedJudgement(fileName: string, line: number, field: string, annotator: string, value: string[], status: unknown): DocJudgement {
  if (typeof status !== 'string' || !STATUSES.includes(status)) {
    throw new FormatProblem(fileName, line, field, `expected "labelled" or "skipped", found ${status === undefined ? 'nothing' : JSON.stringify(status)}`);
  }
  const labels: string[] = [];
  const spans: Span[] = [];
  for (const item of value) {
    const span = decodeSpan(item);
    if (span === null) labels.push(item);
    else spans.push(span);
  }
  return judgement({ annotator: annotator === '' ? null : annotator, labels, spans, status: status as DocJudgement['status'] });
}

/** The export prefixes a meta column named like one of its own ("meta.status"); the prefix goes again. */
function csvMeta(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta)
      .filter(([key]) => !CSV_ANNOTATION_COLUMNS.includes(key))
      .map(([key, value]) => [key.startsWith('meta.') && ['id', 'text', ...CSV_ANNOTATION_COLUMNS].includes(key.slice(5)) ? key.slice(5) : key, value]),
  );
}

function exportTask(doc: LabelledDoc, now: number): ExportTask {
  return {
    id: doc.id ?? taskContentKey(doc.text),
    text: doc.text,
    meta: doc.meta,
    annotations: doc.annotations.map((annotation) => ({
      annotatorId: annotation.annotator ?? '',
      annotatorName: annotation.annotator ?? '',
      value: [...annotation.labels, ...encodeSpans(annotation.spans)],
      status: annotation.status,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    })),
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
