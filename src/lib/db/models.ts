import Dexie from 'dexie';
import type { FieldlabelDb } from './database';
import { READ_PAGE_ROWS, readPages } from './pages';
import type { AnnotationRow, EmbeddingRow, LearningRow, ModelRow, TaskRow } from './rows';
import { eachProjectTask } from './tasks';

export async function listInstalledModels(db: FieldlabelDb): Promise<ModelRow[]> {
  return db.models.orderBy('id').toArray();
}

export async function addModel(db: FieldlabelDb, row: ModelRow): Promise<void> {
  await db.models.put(row);
}

/** Forgets a model and every embedding made with it, in one transaction; projects using it fall back to n-grams. */
export async function removeModel(db: FieldlabelDb, modelId: string): Promise<void> {
  await db.transaction('rw', db.models, db.embeddings, db.learning, async () => {
    await db.models.delete(modelId);
    await db.embeddings.filter((e) => e.modelId === modelId).delete();
    await db.learning.filter((l) => l.modelId === modelId).modify({ modelId: null });
  });
}

export async function getLearning(db: FieldlabelDb, projectId: string): Promise<LearningRow> {
  return (await db.learning.get(projectId)) ?? { projectId, modelId: null, curve: [] };
}

export async function putLearning(db: FieldlabelDb, row: LearningRow): Promise<void> {
  await db.learning.put(row);
}

/** What the learner needs of every task, in import order. */
export async function loadTaskTexts(db: FieldlabelDb, projectId: string): Promise<Pick<TaskRow, 'id' | 'seq' | 'text' | 'compare'>[]> {
  const tasks: Pick<TaskRow, 'id' | 'seq' | 'text' | 'compare'>[] = [];
  await eachProjectTask(db, projectId, ({ id, seq, text, compare }) => tasks.push(compare ? { id, seq, text, compare } : { id, seq, text }));
  return tasks;
}

/** The annotator's own decisions (not their reviews), read with the other annotators' rows beside them. */
export async function loadAnnotatorDecisions(db: FieldlabelDb, projectId: string, annotatorId: string): Promise<AnnotationRow[]> {
  const decisions: AnnotationRow[] = [];
  await readPages<AnnotationRow>(
    (last) =>
      db.annotations
        .where('[projectId+taskId+annotatorId]')
        .between(last ? [projectId, last.taskId, last.annotatorId] : [projectId], [projectId, Dexie.maxKey], last === null, true)
        .limit(READ_PAGE_ROWS)
        .toArray(),
    (row) => {
      if (row.annotatorId === annotatorId) decisions.push(row);
    },
  );
  return decisions;
}

/** Embeddings of a project made by one model; others (from a model used before) are ignored. */
export async function loadEmbeddings(db: FieldlabelDb, projectId: string, modelId: string): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>();
  await readPages<EmbeddingRow>(
    (last) =>
      db.embeddings
        .where('[projectId+taskId]')
        .between(last ? [projectId, last.taskId] : [projectId], [projectId, Dexie.maxKey], last === null, true)
        .limit(READ_PAGE_ROWS)
        .toArray(),
    (row) => {
      if (row.modelId === modelId) vectors.set(row.taskId, row.vector);
    },
  );
  return vectors;
}

export async function putEmbeddings(db: FieldlabelDb, rows: EmbeddingRow[]): Promise<void> {
  await db.embeddings.bulkPut(rows);
}
