import type { FieldlabelDb } from './database';
import type { LocalAnnotator } from './rows';
import type { ExportAnnotation, ExportTask } from '../formats/types';
import { taskPages } from './tasks';

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
