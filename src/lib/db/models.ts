import type { FieldlabelDb } from './database';
import type { AnnotationRow, EmbeddingRow, LearningRow, ModelRow, TaskRow } from './rows';

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
export async function loadTaskTexts(db: FieldlabelDb, projectId: string): Promise<Pick<TaskRow, 'id' | 'seq' | 'text'>[]> {
  const rows = await db.tasks
    .where('[projectId+seq]')
    .between([projectId, 0], [projectId, Number.MAX_SAFE_INTEGER], true, true)
    .toArray();
  return rows.map(({ id, seq, text }) => ({ id, seq, text }));
}

export async function loadAnnotatorDecisions(db: FieldlabelDb, projectId: string, annotatorId: string): Promise<AnnotationRow[]> {
  return db.annotations.where('projectId').equals(projectId).filter((a) => a.annotatorId === annotatorId).toArray();
}

/** Embeddings of a project made by one model; others (from a model used before) are ignored. */
export async function loadEmbeddings(db: FieldlabelDb, projectId: string, modelId: string): Promise<Map<string, Float32Array>> {
  const rows = await db.embeddings.where('projectId').equals(projectId).filter((e) => e.modelId === modelId).toArray();
  return new Map(rows.map((row) => [row.taskId, row.vector]));
}

export async function putEmbeddings(db: FieldlabelDb, rows: EmbeddingRow[]): Promise<void> {
  await db.embeddings.bulkPut(rows);
}
