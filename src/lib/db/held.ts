// Reading what sync works on: a project's labels, the annotations kept apart beside them (sync/held.ts), and the
// tasks incoming annotations point into.
import type { Table } from 'dexie';
import { annotatorNames } from './annotator';
import type { FieldlabelDb } from './database';
import { READ_PAGE_ROWS } from './models';
import type { AnnotationRow, TaskRow } from './rows';
import { heldCounts, type HeldCounts } from '../sync/held';
import type { LabelledTask } from '../sync/label-values';
import { fromAnnotationRow } from './sync-rows';
import { ownerOf, type SyncAnnotation } from '../sync/types';

async function syncRecords(db: FieldlabelDb, table: Table<AnnotationRow, [string, string, string]>, projectId: string): Promise<SyncAnnotation[]> {
  const [rows, names] = await Promise.all([table.where('projectId').equals(projectId).toArray(), annotatorNames(db)]);
  return rows.map((row) => fromAnnotationRow(row, names.get(ownerOf(row.annotatorId)) ?? ''));
}

/** The project's labels: what progress, agreement, review and final labels count. */
export function projectAnnotations(db: FieldlabelDb, projectId: string): Promise<SyncAnnotation[]> {
  return syncRecords(db, db.annotations, projectId);
}

/** Annotations kept apart: for tasks the project does not have (yet). */
export function heldAnnotations(db: FieldlabelDb, projectId: string): Promise<SyncAnnotation[]> {
  return syncRecords(db, db.heldAnnotations, projectId);
}

/** Everything a full label file carries: the labels and the annotations kept apart, so nothing is lost on the way. */
export async function labelFileAnnotations(db: FieldlabelDb, projectId: string): Promise<SyncAnnotation[]> {
  const [labels, held] = await Promise.all([projectAnnotations(db, projectId), heldAnnotations(db, projectId)]);
  return [...labels, ...held];
}

export async function countHeld(db: FieldlabelDb, projectId: string): Promise<HeldCounts> {
  return heldCounts(await heldAnnotations(db, projectId));
}

/**
 * Past this many ids per task of the project, reading every task a page at a time takes less than one `get` per id:
 * each `get` is a request of its own (~90 µs of the browser's time in Chromium, bench `merge.browser`), a row of a
 * page ~20 µs. A handful of ids in a large project stays one `get` each.
 */
const READ_ALL_IDS_PER_TASK = 0.25;

/** Every task of a project in import order, a page per request, so no single read holds other requests back long. */
async function eachProjectTask(db: FieldlabelDb, projectId: string, take: (row: TaskRow) => void): Promise<void> {
  let last: TaskRow | null = null;
  for (;;) {
    const page: TaskRow[] = await db.tasks
      .where('[projectId+seq]')
      .between([projectId, last?.seq ?? 0], [projectId, Number.MAX_SAFE_INTEGER], last === null, true)
      .limit(READ_PAGE_ROWS)
      .toArray();
    page.forEach(take);
    if (page.length < READ_PAGE_ROWS) return;
    last = page[page.length - 1] as TaskRow;
  }
}

/**
 * What incoming values are checked against (text, compared responses) of those of `taskIds` the project has. Read
 * once for all the annotations at hand: a million of them point into at most every task of the project.
 */
export async function labelledTasks(db: FieldlabelDb, projectId: string, taskIds: Iterable<string>): Promise<Map<string, LabelledTask>> {
  const ids = new Set(taskIds);
  const tasks = new Map<string, LabelledTask>();
  const keep = (row: TaskRow | undefined) => {
    if (row && ids.has(row.id)) tasks.set(row.id, row.compare === undefined ? { text: row.text } : { text: row.text, compare: row.compare });
  };
  if (ids.size === 0) return tasks;
  if (ids.size >= READ_ALL_IDS_PER_TASK * (await db.tasks.where('projectId').equals(projectId).count())) await eachProjectTask(db, projectId, keep);
  else (await db.tasks.bulkGet([...ids].map((id): [string, string] => [projectId, id]))).forEach(keep);
  return tasks;
}
