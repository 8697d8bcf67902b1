// Reading what sync works on: a project's labels, the annotations kept apart beside them (sync/held.ts), and the
// tasks incoming annotations point into.
import Dexie, { type Table } from 'dexie';
import { annotatorNames } from './annotator';
import type { FieldlabelDb } from './database';
import { READ_PAGE_ROWS, readPages } from './pages';
import type { AnnotationRow, TaskRow } from './rows';
import { eachProjectTask } from './tasks';
import { heldCounts, type HeldCounts } from '../sync/held';
import type { LabelledTask } from '../sync/label-values';
import { fromAnnotationRow } from './sync-rows';
import { ownerOf, type SyncAnnotation } from '../sync/types';

/** A project's rows of an annotation table, a page per request: a million of them must not hold a label back. */
async function syncRecords(db: FieldlabelDb, table: Table<AnnotationRow, [string, string, string]>, projectId: string): Promise<SyncAnnotation[]> {
  const names = await annotatorNames(db);
  const records: SyncAnnotation[] = [];
  await readPages<AnnotationRow>(
    (last) =>
      table
        .where('[projectId+taskId+annotatorId]')
        .between(last ? [projectId, last.taskId, last.annotatorId] : [projectId], [projectId, Dexie.maxKey], last === null, true)
        .limit(READ_PAGE_ROWS)
        .toArray(),
    (row) => records.push(fromAnnotationRow(row, names.get(ownerOf(row.annotatorId)) ?? '')),
  );
  return records;
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

/**
 * What incoming values are checked against (text, compared responses) of those of `taskIds` the project has. Read
 * once for all the annotations at hand: a million of them point into at most every task of the project.
 */
export async function labelledTasks(db: FieldlabelDb, projectId: string, taskIds: Iterable<string>): Promise<Map<string, LabelledTask>> {
  return (await projectTasks(db, projectId, taskIds, false)).labelled;
}

export interface ProjectTasks {
  /** Every task id of the project; empty unless asked for. */
  ids: Set<string>;
  /** What the values of annotations of `taskIds` are checked against, for those the project has. */
  labelled: Map<string, LabelledTask>;
}

/**
 * The project's task ids (with `allIds`) and the tasks `taskIds` point into, in one pass over the tasks when those
 * are many, else the ids alone and one `get` for each of the few.
 */
export async function projectTasks(db: FieldlabelDb, projectId: string, taskIds: Iterable<string>, allIds: boolean): Promise<ProjectTasks> {
  const wanted = new Set(taskIds);
  const found: ProjectTasks = { ids: new Set(), labelled: new Map() };
  const keep = (row: TaskRow | undefined) => {
    if (row && wanted.has(row.id)) found.labelled.set(row.id, row.compare === undefined ? { text: row.text } : { text: row.text, compare: row.compare });
  };
  if (wanted.size === 0 && !allIds) return found;
  const count = await db.tasks.where('projectId').equals(projectId).count();
  if (wanted.size > 0 && wanted.size >= READ_ALL_IDS_PER_TASK * count) {
    await eachProjectTask(db, projectId, (row) => {
      if (allIds) found.ids.add(row.id);
      keep(row);
    });
    return found;
  }
  if (allIds) found.ids = new Set((await db.tasks.where('projectId').equals(projectId).primaryKeys()).map((key) => key[1]));
  if (wanted.size > 0) (await db.tasks.bulkGet([...wanted].map((id): [string, string] => [projectId, id]))).forEach(keep);
  return found;
}
