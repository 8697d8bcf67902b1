// The database side of sync by files: annotations out as sync records, incoming records merged in one
// transaction, and projects written to / read from bundles. The merge rules themselves live in lib/sync.
import type { FieldlabelDb } from './database';
import { annotatorNames, rememberAnnotators } from './annotator';
import type { ProjectRow, TaskRow } from './rows';
import { planImport, type ImportPlan } from '../sync/merge';
import type { Bundle } from '../sync/bundle';
import { fromAnnotationRow, ownerOf, toAnnotationRow, type BundleProject, type BundleTask, type SyncAnnotation } from '../sync/types';

export async function projectAnnotations(db: FieldlabelDb, projectId: string): Promise<SyncAnnotation[]> {
  const [rows, names] = await Promise.all([db.annotations.where('projectId').equals(projectId).toArray(), annotatorNames(db)]);
  return rows.map((row) => fromAnnotationRow(row, names.get(ownerOf(row.annotatorId)) ?? ''));
}

/** Shows what an import would do, without doing it. */
export async function previewIncoming(db: FieldlabelDb, projectId: string, incoming: SyncAnnotation[]): Promise<ImportPlan> {
  return planImport(await projectAnnotations(db, projectId), incoming);
}

/**
 * Merges incoming annotations in one transaction: new identities and newer versions are written, older ones are
 * ignored, so applying the same file twice (or files in any order) ends in the same state.
 */
export async function applyIncoming(db: FieldlabelDb, projectId: string, incoming: SyncAnnotation[]): Promise<ImportPlan> {
  return db.transaction('rw', db.annotations, db.annotators, async () => {
    const plan = planImport(await projectAnnotations(db, projectId), incoming);
    const writes = [...plan.added, ...plan.updated.map((u) => u.theirs)];
    await db.annotations.bulkPut(writes.map(toAnnotationRow));
    const people = new Map(writes.filter((a) => a.annotatorName !== '').map((a) => [ownerOf(a.annotatorId), a.annotatorName]));
    await rememberAnnotators(db, [...people].map(([id, name]) => ({ id, name })));
    return plan;
  });
}

export async function bundleContents(db: FieldlabelDb, projectId: string): Promise<{ project: BundleProject; tasks: BundleTask[] }> {
  const project = await db.projects.get(projectId);
  if (!project) throw new Error('The project no longer exists.');
  const rows = await db.tasks.where('[projectId+seq]').between([projectId, 0], [projectId, Number.MAX_SAFE_INTEGER], true, true).toArray();
  return {
    project: {
      id: project.id,
      name: project.name,
      taskType: project.taskType,
      labels: project.labels,
      instructions: project.instructions,
      strategy: project.strategy,
      allowOverlap: project.allowOverlap,
    },
    tasks: rows.map(({ id, seq, text, meta }) => ({ id, seq, text, meta })),
  };
}

export interface BundleOutcome {
  created: boolean;
  addedTasks: number;
  labels: ImportPlan | null;
}

/**
 * Opens a bundle on this device in one transaction: a new project gets the bundle's ids, so label files from every
 * device refer to the same tasks; a project already here only gains the tasks it lacks, and its labels are merged,
 * never overwritten by older ones. Opening the same bundle twice changes nothing.
 */
export async function applyBundle(db: FieldlabelDb, bundle: Bundle, now = Date.now()): Promise<BundleOutcome> {
  return db.transaction('rw', [db.projects, db.tasks, db.annotations, db.annotators], async () => {
    const existing = await db.projects.get(bundle.project.id);
    const project: ProjectRow = existing ?? {
      ...bundle.project,
      createdAt: now,
      updatedAt: now,
      lastOpenedAt: now,
      nextSeq: 0,
      cursorSeq: 0,
    };
    const known = new Set((await db.tasks.where('projectId').equals(project.id).primaryKeys()).map((key) => key[1]));
    let seq = project.nextSeq;
    const fresh: TaskRow[] = [];
    for (const task of [...bundle.tasks].sort((a, b) => a.seq - b.seq)) {
      if (known.has(task.id)) continue;
      known.add(task.id);
      fresh.push({ projectId: project.id, id: task.id, seq: seq++, text: task.text, meta: task.meta, importId: `bundle:${bundle.createdAt}` });
    }
    await db.tasks.bulkAdd(fresh);
    await db.projects.put({ ...project, nextSeq: seq, updatedAt: now });
    const labels = bundle.labels ? await applyIncoming(db, project.id, bundle.labels.annotations.map((a) => ({ ...a, projectId: project.id }))) : null;
    return { created: !existing, addedTasks: fresh.length, labels };
  });
}
