// Every task of a compare project with every annotator's judgement (names from the annotators table) and the judge's
// suggestion, a page at a time, in the model the compare writers take. Retractions (undone judgements) and review
// decisions are not exported: the files say what each person judged.
import { compareDocFromRows, type StoredJudgement } from '../formats/compare/from-rows';
import type { CompareDoc } from '../formats/compare/compare-doc';
import type { FieldlabelDb } from './database';
import { taskPages } from './tasks';
import type { LocalAnnotator } from './rows';

export async function* exportComparePages(db: FieldlabelDb, projectId: string, local: LocalAnnotator): AsyncGenerator<CompareDoc[]> {
  const names = new Map((await db.annotators.toArray()).map((row) => [row.id, row.name]));
  names.set(local.id, local.name);
  for await (const tasks of taskPages(db, projectId)) {
    const keys = tasks.map((task): [string, string] => [projectId, task.id]);
    const [annotations, prelabels] = await Promise.all([db.annotations.where('[projectId+taskId]').anyOf(keys).toArray(), db.prelabels.bulkGet(keys)]);
    const byTask = new Map<string, StoredJudgement[]>();
    for (const a of annotations) {
      if (a.status === 'retracted' || a.role !== 'label') continue;
      const list = byTask.get(a.taskId) ?? [];
      list.push({ annotatorName: names.get(a.annotatorId) ?? a.annotatorId, value: a.value, status: a.status, createdAt: a.createdAt, updatedAt: a.updatedAt, suggestion: a.suggestion, suggestionOutcome: a.suggestionOutcome });
      byTask.set(a.taskId, list);
    }
    yield tasks.flatMap((task, index) => {
      if (!task.compare) return [];
      const prelabel = prelabels[index];
      return [compareDocFromRows({ id: task.id, meta: task.meta, compare: task.compare, annotations: byTask.get(task.id) ?? [], prelabel: prelabel ? { value: prelabel.value, score: prelabel.score, source: prelabel.source } : null })];
    });
  }
}
