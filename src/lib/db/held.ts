// Reading what sync works on: a project's labels, the annotations kept apart beside them (sync/held.ts), and the
// tasks incoming annotations point into.
import type { Table } from 'dexie';
import { annotatorNames } from './annotator';
import type { FieldlabelDb } from './database';
import type { AnnotationRow } from './rows';
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

/** What incoming values are checked against (text, compared responses) of those of `taskIds` the project has. */
export async function labelledTasks(db: FieldlabelDb, projectId: string, taskIds: Iterable<string>): Promise<Map<string, LabelledTask>> {
  const ids = [...new Set(taskIds)];
  const rows = await db.tasks.bulkGet(ids.map((id): [string, string] => [projectId, id]));
  const tasks = new Map<string, LabelledTask>();
  rows.forEach((row, i) => row && tasks.set(ids[i] as string, row.compare === undefined ? { text: row.text } : { text: row.text, compare: row.compare }));
  return tasks;
}
