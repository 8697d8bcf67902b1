import Dexie from 'dexie';
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

/**
 * Rows per request in the worker's reads of a whole project. IndexedDB serves an origin's requests one at a time, each
 * whole, whatever tables they touch: right after a 100,000-task import, labels (on other tables) waited 1.7–1.9 s
 * behind one read of every task in Chromium (bench `label-commit`). A page of 1,000 is about 20 ms there, and each
 * page is a read transaction of its own, so no read holds the annotations table while the worker goes on.
 */
export const READ_PAGE_ROWS = 1000;

/** A macrotask between pages: the worker answers suggestions meanwhile. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Reads page after page, each starting after the last row of the one before, until one comes back short. */
async function readPages<Row>(readPage: (last: Row | null) => Promise<Row[]>, take: (row: Row) => void): Promise<void> {
  let last: Row | null = null;
  for (;;) {
    const page = await readPage(last);
    page.forEach(take);
    if (page.length < READ_PAGE_ROWS) return;
    last = page[page.length - 1] as Row;
    await nextTask();
  }
}

/** What the learner needs of every task, in import order. */
export async function loadTaskTexts(db: FieldlabelDb, projectId: string): Promise<Pick<TaskRow, 'id' | 'seq' | 'text' | 'compare'>[]> {
  const tasks: Pick<TaskRow, 'id' | 'seq' | 'text' | 'compare'>[] = [];
  await readPages<TaskRow>(
    (last) =>
      db.tasks
        .where('[projectId+seq]')
        .between([projectId, last?.seq ?? 0], [projectId, Number.MAX_SAFE_INTEGER], last === null, true)
        .limit(READ_PAGE_ROWS)
        .toArray(),
    ({ id, seq, text, compare }) => tasks.push(compare ? { id, seq, text, compare } : { id, seq, text }),
  );
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
