// Tasks and their annotations as CSV for spreadsheets and pandas: one row per annotation, so the file stays flat.
// Rows end in "\n", not RFC 4180's "\r\n": every spreadsheet and CSV library reads both, and line breaks inside
// quoted texts are "\n" anyway, so one kind of line ending throughout is the less surprising file.
// Cells are written as they are, without spreadsheet formula escaping ('=...' prefixed with a quote), because
// an export must carry the texts unchanged.

import type { ExportTask } from './types';

const ANNOTATION_COLUMNS = ['annotator', 'annotator_name', 'labels', 'status', 'updated_at'];
const FIXED_COLUMNS = new Set(['id', 'text', ...ANNOTATION_COLUMNS]);
/** Several labels share one cell (multi-label tasks). */
const LABEL_SEPARATOR = '|';

/**
 * Meta keys in order of first appearance, for the columns of `writeTasksCsv`. Takes a collection, not a
 * one-shot iterator: the tasks are read again to write them.
 */
export function metaKeysOf(tasks: Iterable<ExportTask>): string[] {
  const keys = new Set<string>();
  for (const task of tasks) for (const key of Object.keys(task.meta)) keys.add(key);
  return [...keys];
}

/** One chunk per row, each ending in "\n". A task without annotations still gets a row, its label cells empty. */
export function writeTasksCsv(tasks: Iterable<ExportTask>, metaKeys: string[]): string[] {
  // A meta key named like a fixed column ("status", say) would make the header ambiguous and the file
  // impossible to re-import; it gets a "meta." prefix instead.
  const metaColumns = metaKeys.map((key) => (FIXED_COLUMNS.has(key) ? `meta.${key}` : key));
  const chunks = [csvRow(['id', 'text', ...metaColumns, ...ANNOTATION_COLUMNS])];
  for (const task of tasks) {
    const taskCells = [task.id, task.text, ...metaKeys.map((key) => metaCell(task.meta[key]))];
    if (task.annotations.length === 0) chunks.push(csvRow([...taskCells, '', '', '', '', '']));
    for (const annotation of task.annotations) {
      chunks.push(
        csvRow([
          ...taskCells,
          annotation.annotatorId,
          annotation.annotatorName,
          annotation.value.join(LABEL_SEPARATOR),
          annotation.status,
          new Date(annotation.updatedAt).toISOString(),
        ]),
      );
    }
  }
  return chunks;
}

function metaCell(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function csvRow(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
