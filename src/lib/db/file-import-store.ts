// The part of a whole-file import (a file from another labelling tool, a compare file) that is the same whatever the
// file: which tasks are new, and writing what the file brought with its import record. Called inside the import's
// one transaction, so the file is in the project whole, or not at all.
import type { FieldlabelDb } from './database';
import type { AnnotationRow, ImportRow, PrelabelRow, ProjectRow, TaskRow } from './rows';
import { promoteHeld } from './sync-queries';

/** A named annotator from someone else's file gets an id of its own, stable across imports of that name. */
export function importedAnnotatorId(name: string): string {
  return `imported:${name}`;
}

/** The file's tasks the project does not hold yet, each once: a file must never overwrite work done here. */
export async function tasksNewToProject<T extends { id: string }>(db: FieldlabelDb, projectId: string, planned: readonly T[]): Promise<T[]> {
  const known = new Set((await db.tasks.where('projectId').equals(projectId).primaryKeys()).map((key) => key[1]));
  return planned.filter((task) => {
    if (known.has(task.id)) return false;
    known.add(task.id);
    return true;
  });
}

export interface FileImportRows {
  importId: string;
  tasks: TaskRow[];
  annotations: AnnotationRow[];
  prelabels: PrelabelRow[];
  /** Names of the file's own annotators, stored under importedAnnotatorId. */
  people: ReadonlySet<string>;
}

export interface FileImportSource {
  fileName: string;
  format: string;
  /** How many tasks the file held, new or not. */
  planned: number;
  /** What was taken over, in sentences. */
  summary: string[];
}

export async function storeFileImport(db: FieldlabelDb, project: ProjectRow, source: FileImportSource, rows: FileImportRows, now: number): Promise<ImportRow> {
  await db.tasks.bulkAdd(rows.tasks);
  await db.annotations.bulkPut(rows.annotations);
  await db.prelabels.bulkPut(rows.prelabels);
  await db.annotators.bulkPut([...rows.people].map((name) => ({ id: importedAnnotatorId(name), name, lastSeenAt: now })));
  await db.projects.update(project.id, { nextSeq: project.nextSeq + rows.tasks.length, updatedAt: now });
  // Annotations kept apart for tasks this file brought join them (the import is done at once, never rolled back).
  if (rows.tasks.length > 0) await promoteHeld(db, project);
  const row: ImportRow = {
    id: rows.importId,
    projectId: project.id,
    fileName: source.fileName,
    format: source.format,
    status: 'done',
    firstSeq: project.nextSeq,
    added: rows.tasks.length,
    duplicates: source.planned - rows.tasks.length,
    rejected: 0,
    problems: [],
    message: source.summary.join(' '),
    startedAt: now,
    finishedAt: now,
  };
  await db.imports.add(row);
  return row;
}
