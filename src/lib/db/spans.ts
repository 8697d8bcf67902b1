// Queries of span projects: the annotator's earlier spans (the dictionary's source) and a task's pre-annotation.
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
 * label (undone since the ids were read).
 */
export async function labelledTextsOf(db: FieldlabelDb, projectId: string, annotatorId: string, taskIds: readonly string[]): Promise<LabelledText[]> {
  return db.transaction('r', db.annotations, db.tasks, async () => {
    const [rows, tasks] = await Promise.all([
      db.annotations.bulkGet(taskIds.map((taskId): [string, string, string] => [projectId, taskId, annotatorId])),
      db.tasks.bulkGet(taskIds.map((taskId): [string, string] => [projectId, taskId])),
    ]);
    return taskIds.flatMap((taskId, i) => {
      const row = rows[i];
      const task = tasks[i];
      return row?.status === 'labelled' && task ? [{ taskId, text: task.text, value: row.value }] : [];
    });
  });
}

export async function getPrelabel(db: FieldlabelDb, projectId: string, taskId: string): Promise<PrelabelRow | undefined> {
  return db.prelabels.get([projectId, taskId]);
}

/** Whether any file imported into the project brought pre-annotations. */
export async function hasPrelabels(db: FieldlabelDb, projectId: string): Promise<boolean> {
  return (await db.prelabels.where('projectId').equals(projectId).first()) !== undefined;
}
