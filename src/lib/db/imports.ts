import type { FieldlabelDb } from './database';
import { newId } from './database';
import type { ImportRow, ImportStatus, RowProblem, TaskRow } from './rows';
import { promoteHeld } from './sync-queries';

/** Keep the first problems of a file: enough to fix it, never megabytes of repeats. */
export const MAX_PROBLEMS_KEPT = 200;

export interface TaskToStore {
  id: string;
  text: string;
  meta: Record<string, unknown>;
  /** The line of the file the task starts on. */
  line: number;
  /** False when the id is the hash of the text: a repeat of it has the same text, so texts need no comparing. */
  idFromFile: boolean;
}

/**
 * The project's task ids as an import goes on: each with the line of the file being imported that brought it, or
 * null for the tasks the project had before.
 */
export type KnownTaskIds = Map<string, number | null>;

/** Ids in messages: quoted, and cut short when long. */
const ID_SHOWN_CHARS = 40;

export async function beginImport(
  db: FieldlabelDb,
  projectId: string,
  fileName: string,
  format: string,
  now = Date.now(),
): Promise<ImportRow> {
  return db.transaction('rw', db.projects, db.imports, async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('The project no longer exists.');
    const running = await db.imports.where('status').equals('running').filter((i) => i.projectId === projectId).first();
    if (running) throw new Error(`Another import (${running.fileName}) is still running in this project.`);
    const row: ImportRow = {
      id: newId(),
      projectId,
      fileName,
      format,
      status: 'running',
      firstSeq: project.nextSeq,
      added: 0,
      duplicates: 0,
      conflictingDuplicates: 0,
      rejected: 0,
      problems: [],
      message: '',
      startedAt: now,
      finishedAt: null,
    };
    await db.imports.add(row);
    return row;
  });
}

export interface BatchResult {
  added: number;
  duplicates: number;
}

/** The ids already in a project, read once per import: duplicates are then found without a read per row. */
export async function loadTaskIds(db: FieldlabelDb, projectId: string): Promise<KnownTaskIds> {
  const keys = await db.tasks.where('projectId').equals(projectId).primaryKeys();
  return new Map(keys.map((key) => [key[1], null]));
}

/**
 * Stores one batch of parsed tasks in one transaction. A task whose id is in `known` (the project's ids, from
 * loadTaskIds, kept up to date here) is a duplicate and is not touched, so importing a file twice adds nothing.
 * A duplicate whose text differs from the kept task's is a problem with its line: the file may have reused an id.
 * Only one import runs per project, so `known` cannot go stale; if it ever did, bulkAdd would refuse the
 * duplicate and the batch would fail whole rather than overwrite a task.
 */
export async function writeTaskBatch(
  db: FieldlabelDb,
  importId: string,
  tasks: TaskToStore[],
  problems: RowProblem[],
  known: KnownTaskIds,
): Promise<BatchResult> {
  return db.transaction('rw', db.projects, db.tasks, db.imports, async () => {
    const run = await db.imports.get(importId);
    if (!run || run.status !== 'running') throw new Error('This import was stopped.');
    const project = await db.projects.get(run.projectId);
    if (!project) throw new Error('The project no longer exists.');
    const fresh: TaskRow[] = [];
    const repeats: TaskToStore[] = [];
    let seq = project.nextSeq;
    for (const task of tasks) {
      if (known.has(task.id)) {
        if (task.idFromFile) repeats.push(task);
        continue;
      }
      known.set(task.id, task.line);
      fresh.push({ projectId: run.projectId, id: task.id, seq: seq++, text: task.text, meta: task.meta, importId });
    }
    await db.tasks.bulkAdd(fresh);
    await db.projects.update(project.id, { nextSeq: seq, updatedAt: Date.now() });
    const conflicts = await conflictingRepeats(db, run.projectId, repeats, known);
    const found = conflicts.length === 0 ? problems : [...problems, ...conflicts].sort((a, b) => a.line - b.line);
    const duplicates = tasks.length - fresh.length;
    await db.imports.update(importId, {
      added: run.added + fresh.length,
      duplicates: run.duplicates + duplicates,
      conflictingDuplicates: (run.conflictingDuplicates ?? 0) + conflicts.length,
      rejected: run.rejected + problems.length,
      problems: run.problems.concat(found.slice(0, Math.max(0, MAX_PROBLEMS_KEPT - run.problems.length))),
    });
    return { added: fresh.length, duplicates };
  });
}

/**
 * The repeated ids whose text differs from the task kept under them. Read in the batch's own transaction, after its
 * new tasks are added, and only for the batch's repeats: an import without duplicates reads nothing more.
 */
async function conflictingRepeats(db: FieldlabelDb, projectId: string, repeats: TaskToStore[], known: KnownTaskIds): Promise<RowProblem[]> {
  if (repeats.length === 0) return [];
  const kept = await db.tasks.bulkGet(repeats.map((task) => [projectId, task.id]));
  return repeats.flatMap((task, index) => {
    if (kept[index]?.text === task.text) return [];
    const id = JSON.stringify(task.id.length > ID_SHOWN_CHARS ? `${task.id.slice(0, ID_SHOWN_CHARS - 1)}…` : task.id);
    const firstLine = known.get(task.id);
    const earlier = firstLine == null ? 'is already in the project' : `repeats line ${firstLine}`;
    return [{ line: task.line, message: `id ${id} ${earlier} with a different text; skipped` }];
  });
}

/**
 * Marks the import done. Annotations kept apart for tasks it brought join them now, in the same transaction: from
 * here on the import is never rolled back, so they can never be taken away with its tasks.
 */
export async function finishImport(db: FieldlabelDb, importId: string, now = Date.now()): Promise<ImportRow> {
  return db.transaction('rw', [db.imports, db.projects, db.tasks, db.annotations, db.heldAnnotations, db.annotators], async () => {
    await db.imports.update(importId, { status: 'done', finishedAt: now });
    const run = (await db.imports.get(importId)) as ImportRow;
    const project = await db.projects.get(run.projectId);
    if (project && run.added > 0) await promoteHeld(db, project);
    return run;
  });
}

/**
 * Takes back everything an import added, in one transaction: used when it is cancelled, when the file turns out
 * not to be what it claimed, and when a tab closed in the middle of one. Its tasks could be labelled (and embedded)
 * while later batches were still coming; what was kept about them goes too, so no count, export or label file
 * speaks of a task the project no longer has, and a task of the same id imported later starts clean. The message
 * says how many labels went.
 */
export async function rollbackImport(
  db: FieldlabelDb,
  importId: string,
  status: Exclude<ImportStatus, 'running' | 'done'>,
  message: string,
  now = Date.now(),
): Promise<ImportRow | undefined> {
  return db.transaction('rw', [db.projects, db.tasks, db.imports, db.annotations, db.embeddings, db.prelabels], async () => {
    const run = await db.imports.get(importId);
    if (!run) return undefined;
    // Imports of one project run one at a time, so this one's tasks are the last ones, from firstSeq on.
    const keys = await db.tasks
      .where('[projectId+seq]')
      .between([run.projectId, run.firstSeq], [run.projectId, Number.MAX_SAFE_INTEGER], true, true)
      .primaryKeys();
    const labels = await db.annotations.where('[projectId+taskId]').anyOf(keys).delete();
    await db.embeddings.bulkDelete(keys);
    await db.prelabels.bulkDelete(keys);
    await db.tasks.bulkDelete(keys);
    const project = await db.projects.get(run.projectId);
    if (project && project.nextSeq >= run.firstSeq) await db.projects.update(project.id, { nextSeq: run.firstSeq });
    const gone = labels === 0 ? '' : ` ${labels === 1 ? 'The label' : `The ${labels} labels`} made on its tasks meanwhile went with them.`;
    const finished: ImportRow = { ...run, status, message: message + gone, added: 0, finishedAt: now };
    await db.imports.put(finished);
    return finished;
  });
}

/** Imports left 'running' by a closed tab are rolled back — unless `isStillRunning` says some tab still owns them. */
export async function recoverInterruptedImports(
  db: FieldlabelDb,
  isStillRunning: (importId: string) => Promise<boolean>,
): Promise<ImportRow[]> {
  const running = await db.imports.where('status').equals('running').toArray();
  const recovered: ImportRow[] = [];
  for (const run of running) {
    if (await isStillRunning(run.id)) continue;
    const done = await rollbackImport(db, run.id, 'interrupted', 'The import was interrupted (the tab closed); nothing from it was kept.');
    if (done) recovered.push(done);
  }
  return recovered;
}

export async function listImports(db: FieldlabelDb, projectId: string, limit = 20): Promise<ImportRow[]> {
  return db.imports
    .where('[projectId+startedAt]')
    .between([projectId, 0], [projectId, Number.MAX_SAFE_INTEGER])
    .reverse()
    .limit(limit)
    .toArray();
}
