import type { FieldlabelDb } from './database';
import { newId } from './database';
import { DEFAULT_RUBRIC, type Rubric } from '../domain/compare';
import type { LabelDef, ProjectRow, SamplingStrategy, TaskType } from './rows';

export interface NewProject {
  name: string;
  taskType: TaskType;
  labels: LabelDef[];
  instructions?: string;
  allowOverlap?: boolean;
  /** Compare projects: what each task asks (the default rubric when missing). */
  rubric?: Rubric;
}

export async function createProject(db: FieldlabelDb, input: NewProject, now = Date.now()): Promise<ProjectRow> {
  const name = input.name.trim();
  if (name === '') throw new Error('A project needs a name.');
  // A compare project's answers come from its rubric, not from labels.
  const compare = input.taskType === 'compare';
  if (!compare && input.labels.length === 0) throw new Error('A project needs at least one label.');
  const row: ProjectRow = {
    id: newId(),
    name,
    taskType: input.taskType,
    labels: input.labels,
    instructions: input.instructions?.trim() ?? '',
    createdAt: now,
    updatedAt: now,
    lastOpenedAt: now,
    nextSeq: 0,
    cursorSeq: 0,
    strategy: 'sequential',
    allowOverlap: input.taskType === 'spans' && input.allowOverlap === true,
    ...(compare ? { rubric: input.rubric ?? DEFAULT_RUBRIC } : {}),
  };
  await db.projects.add(row);
  return row;
}

export async function getProject(db: FieldlabelDb, id: string): Promise<ProjectRow | undefined> {
  return db.projects.get(id);
}

export async function listProjects(db: FieldlabelDb): Promise<ProjectRow[]> {
  return db.projects.orderBy('lastOpenedAt').reverse().toArray();
}

export async function markProjectOpened(db: FieldlabelDb, id: string, now = Date.now()): Promise<void> {
  await db.projects.update(id, { lastOpenedAt: now });
}

export async function saveCursor(db: FieldlabelDb, id: string, cursorSeq: number): Promise<void> {
  await db.projects.update(id, { cursorSeq });
}

/** Removes the project and everything in it, in one transaction. */
export async function deleteProject(db: FieldlabelDb, id: string): Promise<void> {
  await db.transaction('rw', [db.projects, db.tasks, db.annotations, db.heldAnnotations, db.imports, db.prelabels, db.embeddings, db.learning], async () => {
    await db.tasks.where('projectId').equals(id).delete();
    await db.annotations.where('projectId').equals(id).delete();
    await db.heldAnnotations.where('projectId').equals(id).delete();
    await db.imports.where('projectId').equals(id).delete();
    await db.prelabels.where('projectId').equals(id).delete();
    await db.embeddings.where('projectId').equals(id).delete();
    await db.learning.delete(id);
    await db.projects.delete(id);
  });
}

export async function saveStrategy(db: FieldlabelDb, id: string, strategy: SamplingStrategy): Promise<void> {
  await db.projects.update(id, { strategy });
}
