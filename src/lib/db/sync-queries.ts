// The database side of sync by files: incoming annotations merged in one transaction (those of tasks the project
// does not have kept apart), and projects written to / read from bundles. The merge rules live in lib/sync.
import type { FieldlabelDb } from './database';
import { rememberAnnotators } from './annotator';
import { heldAnnotations, projectAnnotations, labelledTasks } from './held';
import type { ProjectRow, TaskRow } from './rows';
import type { Bundle } from '../sync/bundle';
import { planIncoming, planPromotion, planTotals, writesOf, type IncomingPlan, type PlanTotals, type ProjectLabelSets } from '../sync/held';
import { checkLabelValues, valueProblem } from '../sync/label-values';
import { bundleProjectOf, toAnnotationRow } from './sync-rows';
import { ownerOf, type BundleProject, type BundleTask, type SyncAnnotation } from '../sync/types';

export { countHeld, labelFileAnnotations, projectAnnotations } from './held';

/** Rows per bulkPut when applying incoming annotations: progress is reported after each. */
const WRITE_BATCH = 20_000;

async function getProject(db: FieldlabelDb, projectId: string): Promise<ProjectRow> {
  const project = await db.projects.get(projectId);
  if (!project) throw new Error('The project no longer exists.');
  return project;
}

/**
 * What label files are previewed against: the project's labels and the annotations kept apart, read together so one
 * annotation is not in both, once for every file of a check.
 */
export function currentLabelSets(db: FieldlabelDb, projectId: string): Promise<ProjectLabelSets> {
  return db.transaction('r', [db.annotations, db.heldAnnotations, db.annotators], async () => {
    const [labels, held] = await Promise.all([projectAnnotations(db, projectId), heldAnnotations(db, projectId)]);
    return { labels, held };
  });
}

/**
 * Merges incoming annotations in one transaction: new identities and newer versions are written, older ones are
 * ignored, so applying the same file twice (or files in any order) ends in the same state. Annotations of tasks the
 * project does not have are kept apart, merged by the same rules. Files are checked against the project
 * (checkLabelValues) before they get here; a value that still does not fit its task refuses the whole lot.
 */
export async function applyIncoming(db: FieldlabelDb, projectId: string, incoming: SyncAnnotation[], onProgress?: (written: number, total: number) => void): Promise<IncomingPlan> {
  return db.transaction('rw', [db.projects, db.tasks, db.annotations, db.heldAnnotations, db.annotators], async () => {
    const project = await getProject(db, projectId);
    const tasks = await labelledTasks(db, projectId, incoming.map((a) => a.taskId));
    for (const a of incoming) {
      const problem = valueProblem(a.value, project, tasks.get(a.taskId));
      if (problem !== null) throw new Error(`An annotation by "${a.annotatorName || a.annotatorId}" of task "${a.taskId}" cannot be applied: ${problem}.`);
    }
    const [labels, held] = await Promise.all([projectAnnotations(db, projectId), heldAnnotations(db, projectId)]);
    const plan = planIncoming({ labels, held }, incoming, (id) => tasks.has(id));
    const [applied, apart] = [writesOf(plan.labels), writesOf(plan.held)];
    const total = applied.length + apart.length;
    onProgress?.(0, total);
    await putInBatches(db.annotations, applied, (n) => onProgress?.(n, total));
    await putInBatches(db.heldAnnotations, apart, (n) => onProgress?.(applied.length + n, total));
    const people = new Map([...applied, ...apart].filter((a) => a.annotatorName !== '').map((a) => [ownerOf(a.annotatorId), a.annotatorName]));
    await rememberAnnotators(db, [...people].map(([id, name]) => ({ id, name })));
    return plan;
  });
}

/**
 * Rows written a batch at a time, within the caller's transaction, so a long write can report how far it got (a
 * million annotations take minutes). One bulkPut per batch costs the same as one for all.
 */
async function putInBatches(table: FieldlabelDb['annotations'], annotations: SyncAnnotation[], written: (n: number) => void): Promise<void> {
  for (let start = 0; start < annotations.length; start += WRITE_BATCH) {
    const end = Math.min(annotations.length, start + WRITE_BATCH);
    await table.bulkPut(annotations.slice(start, end).map(toAnnotationRow));
    written(end);
  }
}

/**
 * Held annotations whose task the project now has join its labels by the merge rules (so doing it twice changes
 * nothing). One whose value does not fit the task that arrived — spans past the end of its text — stays apart.
 * Call inside a transaction over tasks, annotations, heldAnnotations and annotators.
 */
export async function promoteHeld(db: FieldlabelDb, project: ProjectRow): Promise<{ joined: number; misfits: number }> {
  const held = await heldAnnotations(db, project.id);
  if (held.length === 0) return { joined: 0, misfits: 0 };
  const [tasks, labels] = await Promise.all([labelledTasks(db, project.id, held.map((a) => a.taskId)), projectAnnotations(db, project.id)]);
  const plan = planPromotion({ labels, held }, (a) => tasks.has(a.taskId) && valueProblem(a.value, project, tasks.get(a.taskId)) === null);
  await db.annotations.bulkPut(writesOf(plan.labels).map(toAnnotationRow));
  await db.heldAnnotations.bulkDelete(plan.leaving.map((a): [string, string, string] => [a.projectId, a.taskId, a.annotatorId]));
  return { joined: plan.leaving.length, misfits: held.filter((a) => tasks.has(a.taskId)).length - plan.leaving.length };
}

/** The suggestions files brought into the project (for a compare project, a model judge's judgements). */
export function projectSuggestions(db: FieldlabelDb, projectId: string): Promise<{ taskId: string; value: string[]; source: string }[]> {
  return db.prelabels.where('projectId').equals(projectId).toArray();
}

export async function bundleContents(db: FieldlabelDb, projectId: string): Promise<{ project: BundleProject; tasks: BundleTask[] }> {
  const project = await getProject(db, projectId);
  const rows = await db.tasks.where('[projectId+seq]').between([projectId, 0], [projectId, Number.MAX_SAFE_INTEGER], true, true).toArray();
  return {
    project: bundleProjectOf(project),
    tasks: rows.map(({ id, seq, text, meta, compare }) => (compare === undefined ? { id, seq, text, meta } : { id, seq, text, meta, compare })),
  };
}

/** What opening a bundle did, in numbers (it crosses from the bundle worker). */
export interface BundleOutcome {
  created: boolean;
  addedTasks: number;
  labels: PlanTotals | null;
  /** Annotations kept apart earlier that joined the tasks this bundle brought, and those that did not fit them. */
  joined: number;
  misfits: number;
}

/**
 * Opens a bundle on this device in one transaction: a new project gets the bundle's ids, so label files from every
 * device refer to the same tasks; a project already here only gains the tasks it lacks, and its labels are merged,
 * never overwritten by older ones. The bundle's labels must be labels of the project (the one already here, if it
 * is): one that is not refuses the bundle. Annotations kept apart for the tasks it brings join them. Opening the
 * same bundle twice changes nothing.
 */
export async function applyBundle(db: FieldlabelDb, bundle: Bundle, now = Date.now()): Promise<BundleOutcome> {
  return db.transaction('rw', [db.projects, db.tasks, db.annotations, db.heldAnnotations, db.annotators], async () => {
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
      const row: TaskRow = { projectId: project.id, id: task.id, seq: seq++, text: task.text, meta: task.meta, importId: `bundle:${bundle.createdAt}` };
      if (task.compare !== undefined) row.compare = task.compare;
      fresh.push(row);
    }
    if (bundle.labels) {
      const tasks = await labelledTasks(db, project.id, bundle.labels.annotations.map((a) => a.taskId));
      for (const task of fresh) tasks.set(task.id, task);
      checkLabelValues(bundle.labels, project, (id) => tasks.get(id));
    }
    await db.tasks.bulkAdd(fresh);
    await db.projects.put({ ...project, nextSeq: seq, updatedAt: now });
    const labels = bundle.labels ? planTotals(await applyIncoming(db, project.id, bundle.labels.annotations.map((a) => ({ ...a, projectId: project.id })))) : null;
    const { joined, misfits } = await promoteHeld(db, project);
    return { created: !existing, addedTasks: fresh.length, labels, joined, misfits };
  });
}
