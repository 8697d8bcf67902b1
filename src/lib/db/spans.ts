// Queries of span projects: the annotator's earlier spans (the dictionary's source) and a task's pre-annotation.
import type { FieldlabelDb } from './database';
import type { PrelabelRow } from './rows';

export interface LabelledText {
  taskId: string;
  text: string;
  value: string[];
}

/** Every task the annotator has labelled in the project, with its text, in one read transaction. */
export async function labelledTexts(db: FieldlabelDb, projectId: string, annotatorId: string): Promise<LabelledText[]> {
  return db.transaction('r', db.annotations, db.tasks, async () => {
    const rows = await db.annotations.where('[projectId+annotatorId+status]').equals([projectId, annotatorId, 'labelled']).toArray();
    const tasks = await db.tasks.bulkGet(rows.map((row) => [projectId, row.taskId] as [string, string]));
    return rows.flatMap((row, i) => {
      const task = tasks[i];
      return task ? [{ taskId: row.taskId, text: task.text, value: row.value }] : [];
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
