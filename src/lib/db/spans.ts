// Queries of span projects: the annotator's earlier spans (the dictionary's source) and a task's pre-annotation.
import Dexie from 'dexie';
import type { FieldlabelDb } from './database';
import type { PrelabelRow } from './rows';

export interface LabelledText {
  taskId: string;
  text: string;
  value: string[];
}

/** The tasks the annotator has labelled in the project: keys only, no row is read. */
export async function labelledTaskIds(db: FieldlabelDb, projectId: string, annotatorId: string): Promise<string[]> {
  const keys = await db.annotations.where('[projectId+annotatorId+status]').equals([projectId, annotatorId, 'labelled']).primaryKeys();
  return keys.map(([, taskId]) => taskId);
}

/**
 * The text and spans of these tasks, in one read transaction, leaving out any whose annotation is no longer a
 * label (undone since the ids were read). When the tasks are most of those between the first and the last id (a
 * project labelled from start to end), both tables are read as one range each: a read per row, 200 requests for 100
 * tasks, held back the first dictionary suggestion on 18,000 labelled documents until 14.5 s after opening (see
 * LOAD_STEPS). Otherwise row by row, so a few labels spread over a large project never read the tasks between them.
 */
export async function labelledTextsOf(db: FieldlabelDb, projectId: string, annotatorId: string, taskIds: readonly string[]): Promise<LabelledText[]> {
  if (taskIds.length === 0) return [];
  // Sorted as IndexedDB orders strings (by UTF-16 code unit), like the default sort.
  const sorted = [...taskIds].sort();
  const first = sorted[0] as string;
  const last = sorted[sorted.length - 1] as string;
  return db.transaction('r', db.annotations, db.tasks, async () => {
    const between = db.tasks.where('[projectId+id]').between([projectId, first], [projectId, last], true, true);
    const dense = (await between.count()) <= 2 * taskIds.length;
    const [rows, tasks] = dense
      ? await Promise.all([
          db.annotations
            .where('[projectId+taskId+annotatorId]')
            .between([projectId, first, Dexie.minKey], [projectId, last, Dexie.maxKey], true, true)
            .toArray()
            .then((all) => keyed(all.filter((row) => row.annotatorId === annotatorId), (row) => row.taskId)),
          between.toArray().then((all) => keyed(all, (task) => task.id)),
        ])
      : await Promise.all([
          db.annotations.bulkGet(taskIds.map((taskId): [string, string, string] => [projectId, taskId, annotatorId])).then((all) => keyed(all, (row) => row.taskId)),
          db.tasks.bulkGet(taskIds.map((taskId): [string, string] => [projectId, taskId])).then((all) => keyed(all, (task) => task.id)),
        ]);
    return taskIds.flatMap((taskId) => {
      const row = rows.get(taskId);
      const task = tasks.get(taskId);
      return row?.status === 'labelled' && task ? [{ taskId, text: task.text, value: row.value }] : [];
    });
  });
}

function keyed<T>(rows: readonly (T | undefined)[], idOf: (row: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) if (row !== undefined) map.set(idOf(row), row);
  return map;
}

export async function getPrelabel(db: FieldlabelDb, projectId: string, taskId: string): Promise<PrelabelRow | undefined> {
  return db.prelabels.get([projectId, taskId]);
}

/** Whether any file imported into the project brought pre-annotations. */
export async function hasPrelabels(db: FieldlabelDb, projectId: string): Promise<boolean> {
  return (await db.prelabels.where('projectId').equals(projectId).first()) !== undefined;
}
