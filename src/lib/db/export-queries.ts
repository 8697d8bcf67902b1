import type { FieldlabelDb } from './database';
import type { LocalAnnotator, TaskRow } from './rows';
import type { ExportAnnotation, ExportTask } from '../formats/types';

const PAGE = 1000;

/** A project's tasks in import order, a page at a time: an export of 100k tasks never holds them all at once. */
export async function* taskPages(db: FieldlabelDb, projectId: string): AsyncGenerator<TaskRow[]> {
  let from = 0;
  for (;;) {
    const tasks: TaskRow[] = await db.tasks
      .where('[projectId+seq]')
      .between([projectId, from], [projectId, Number.MAX_SAFE_INTEGER], true, true)
      .limit(PAGE)
      .toArray();
    if (tasks.length === 0) return;
    yield tasks;
    from = (tasks[tasks.length - 1] as TaskRow).seq + 1;
  }
}

/**
 * Every task of a project in import order with its labels and skips, a page at a time, so exporting 100k tasks
 * never holds them all as rows and objects at once. Retractions (undone labels) are not exported.
 */
export async function* exportPages(
  db: FieldlabelDb,
  projectId: string,
  annotator: LocalAnnotator,
): AsyncGenerator<ExportTask[]> {
  for await (const tasks of taskPages(db, projectId)) {
    const annotations = await db.annotations
      .where('[projectId+taskId]')
      .anyOf(tasks.map((t) => [projectId, t.id]))
      .toArray();
    const byTask = new Map<string, ExportAnnotation[]>();
    for (const a of annotations) {
      if (a.status === 'retracted') continue;
      const list = byTask.get(a.taskId) ?? [];
      list.push({
        annotatorId: a.annotatorId,
        annotatorName: a.annotatorId === annotator.id ? annotator.name : '',
        value: a.value,
        status: a.status,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        revision: a.revision,
      });
      byTask.set(a.taskId, list);
    }
    yield tasks.map((t) => ({ id: t.id, text: t.text, meta: t.meta, annotations: byTask.get(t.id) ?? [] }));
  }
}
