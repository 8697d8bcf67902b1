// The database side of sync by files: incoming annotations merged a batch per transaction (those of tasks the project
// does not have kept apart), and projects written to / read from bundles. The merge rules live in lib/sync.
import type { FieldlabelDb } from './database';
import { annotatorNames, rememberAnnotators } from './annotator';
import { heldAnnotations, labelledTasks, projectAnnotations, projectTasks } from './held';
import { hiddenShareFromBundle } from './project-rubric';
import type { AnnotationRow, ProjectRow, TaskRow } from './rows';
import type { Bundle } from '../sync/bundle';
import { planIncoming, planPromotion, planTotals, writesOf, type IncomingPlan, type PlanTotals, type ProjectLabelSets } from '../sync/held';
import { checkLabelValues, valueProblem, type LabelledTask } from '../sync/label-values';
import { compareIdentity, compareVersions } from '../sync/merge';
import { bundleProjectOf, fromAnnotationRow, toAnnotationRow } from './sync-rows';
import { ownerOf, type SyncAnnotation } from '../sync/types';
import { type BundleProject, type BundleTask } from '../sync/bundle-types';

export { countHeld, labelFileAnnotations, projectAnnotations } from './held';

/**
 * Rows per write transaction when applying incoming annotations. Each batch commits on its own, so a label made
 * meanwhile waits behind one batch at most, not behind a million rows, and the progress bar moves after each.
 */
const WRITE_BATCH = 5_000;

type AnnotationTable = FieldlabelDb['annotations'];

async function getProject(db: FieldlabelDb, projectId: string): Promise<ProjectRow> {
  const project = await db.projects.get(projectId);
  if (!project) throw new Error('The project no longer exists.');
  return project;
}

/**
 * What label files are previewed against: the project's labels and the annotations kept apart, each read a page at a
 * time, once for every file of a check.
 */
export async function currentLabelSets(db: FieldlabelDb, projectId: string): Promise<ProjectLabelSets> {
  const [labels, held] = await Promise.all([projectAnnotations(db, projectId), heldAnnotations(db, projectId)]);
  return { labels, held };
}

/**
 * Merges incoming annotations: new identities and newer versions are written, older ones are ignored, so applying
 * the same file twice (or files in any order) ends in the same state. Annotations of tasks the project does not have
 * are kept apart, merged by the same rules. Files are checked against the project (checkLabelValues) before they get
 * here; a value that still does not fit its task refuses the whole lot before anything is written.
 *
 * The writes go a batch per transaction (writeInBatches); called inside a transaction (a bundle), they are all in it.
 */
export async function applyIncoming(db: FieldlabelDb, projectId: string, incoming: SyncAnnotation[], onProgress?: (written: number, total: number) => void): Promise<IncomingPlan> {
  const project = await getProject(db, projectId);
  const tasks = await labelledTasks(db, projectId, incoming.map((a) => a.taskId));
  return applyIncomingTo(db, project, incoming, tasks, onProgress);
}

async function applyIncomingTo(
  db: FieldlabelDb,
  project: ProjectRow,
  incoming: SyncAnnotation[],
  tasks: Map<string, LabelledTask>,
  onProgress?: (written: number, total: number) => void,
): Promise<IncomingPlan> {
  for (const a of incoming) {
    const problem = valueProblem(a.value, project, tasks.get(a.taskId));
    if (problem !== null) throw new Error(`An annotation by "${a.annotatorName || a.annotatorId}" of task "${a.taskId}" cannot be applied: ${problem}.`);
  }
  const plan = planIncoming(await currentLabelSets(db, project.id), incoming, (id) => tasks.has(id));
  const [applied, apart] = [writesOf(plan.labels), writesOf(plan.held)];
  // Names first: a row written before its annotator's name would show without one if the merge stopped there.
  const people = new Map([...applied, ...apart].filter((a) => a.annotatorName !== '').map((a) => [ownerOf(a.annotatorId), a.annotatorName]));
  await rememberAnnotators(db, [...people].map(([id, name]) => ({ id, name })));
  const names = await annotatorNames(db);
  const total = applied.length + apart.length;
  onProgress?.(0, total);
  await writeInBatches(db, db.annotations, applied, names, (n) => onProgress?.(n, total));
  const arrived = await writeInBatches(db, db.heldAnnotations, apart, names, (n) => onProgress?.(applied.length + n, total));
  // Their task came (a task import, a bundle) while the others were written: they join it like any incoming label.
  if (arrived.length > 0) await applyIncoming(db, project.id, arrived);
  return plan;
}

/**
 * Writes the winners of a plan a batch per transaction, in identity order. Each batch reads what its identities hold
 * now (one range read) and writes only versions newer than that, so a label made or a file applied since the plan
 * was made is never replaced by an older version. A crash or a closed tab between batches loses no row and breaks no
 * rule: every row is still the newest of the versions it has seen, labels and annotations kept apart never share an
 * identity, and applying the same files again completes the merge. Annotations meant to be kept apart whose task has
 * arrived since the plan are not written here; they are returned.
 */
async function writeInBatches(db: FieldlabelDb, table: AnnotationTable, writes: SyncAnnotation[], names: Map<string, string>, written: (n: number) => void): Promise<SyncAnnotation[]> {
  const keptApart = table === db.heldAnnotations;
  const sorted = [...writes].sort(compareIdentity);
  const arrived: SyncAnnotation[] = [];
  for (let start = 0; start < sorted.length; start += WRITE_BATCH) {
    const batch = sorted.slice(start, start + WRITE_BATCH);
    // Tasks only where they are looked at: a batch of labels must not hold the annotator's reads of the next task.
    await db.transaction('rw', keptApart ? [db.tasks, table] : [table], async () => {
      const current = await rowsOfRange(table, batch);
      const present = keptApart ? await presentTasks(db, batch) : null;
      const rows: AnnotationRow[] = [];
      for (const a of batch) {
        if (present?.has(a.taskId)) {
          arrived.push(a);
          continue;
        }
        const ours = current.get(identityOf(a.taskId, a.annotatorId));
        if (ours === undefined || compareVersions(a, fromAnnotationRow(ours, names.get(ownerOf(ours.annotatorId)) ?? '')) > 0) rows.push(toAnnotationRow(a));
      }
      await table.bulkPut(rows);
    });
    written(Math.min(sorted.length, start + WRITE_BATCH));
  }
  return arrived;
}

const identityOf = (taskId: string, annotatorId: string) => JSON.stringify([taskId, annotatorId]);

/** The rows between the batch's first and last identity: one request, where a get per row would be thousands. */
async function rowsOfRange(table: AnnotationTable, batch: SyncAnnotation[]): Promise<Map<string, AnnotationRow>> {
  const [first, last] = [batch[0] as SyncAnnotation, batch[batch.length - 1] as SyncAnnotation];
  const rows = await table
    .where('[projectId+taskId+annotatorId]')
    .between([first.projectId, first.taskId, first.annotatorId], [last.projectId, last.taskId, last.annotatorId], true, true)
    .toArray();
  return new Map(rows.map((row) => [identityOf(row.taskId, row.annotatorId), row]));
}

/** Which of the batch's tasks the project has now. */
async function presentTasks(db: FieldlabelDb, batch: SyncAnnotation[]): Promise<Set<string>> {
  const keys = [...new Set(batch.map((a) => a.taskId))].map((id): [string, string] => [(batch[0] as SyncAnnotation).projectId, id]);
  return new Set((await db.tasks.where(':id').anyOf(keys).primaryKeys()).map((key) => key[1]));
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
  /** The hidden share a bundle newer than this device's setting brought, when it differs; else null. */
  hiddenShare: number | null;
}

/**
 * Opens a bundle on this device in one transaction: a new project gets the bundle's ids, so label files from every
 * device refer to the same tasks; a project already here only gains the tasks it lacks, and its labels are merged,
 * never overwritten by older ones. The bundle's labels must be labels of the project (the one already here, if it
 * is): one that is not refuses the bundle. Annotations kept apart for the tasks it brings join them. Of the project's
 * settings only a compare project's hidden share can change after it was made; a bundle made after it was last set
 * here brings it (hiddenShareFromBundle). Opening the same bundle twice changes nothing.
 */
export async function applyBundle(db: FieldlabelDb, bundle: Bundle, now = Date.now()): Promise<BundleOutcome> {
  return db.transaction('rw', [db.projects, db.tasks, db.annotations, db.heldAnnotations, db.annotators], async () => {
    const existing = await db.projects.get(bundle.project.id);
    const later = existing ? hiddenShareFromBundle(existing, bundle.project.rubric, bundle.createdAt) : null;
    const project: ProjectRow = existing
      ? { ...existing, ...later }
      : {
          ...bundle.project,
          createdAt: now,
          updatedAt: now,
          lastOpenedAt: now,
          nextSeq: 0,
          cursorSeq: 0,
          ...(bundle.project.rubric === undefined ? {} : { hiddenShareSetAt: bundle.createdAt }),
        };
    // One read of the tasks serves both: which ones the bundle adds, and what its labels are checked against.
    const { ids: known, labelled: tasks } = await projectTasks(db, project.id, bundle.labels?.annotations.map((a) => a.taskId) ?? [], true);
    let seq = project.nextSeq;
    const fresh: TaskRow[] = [];
    for (const task of [...bundle.tasks].sort((a, b) => a.seq - b.seq)) {
      if (known.has(task.id)) continue;
      known.add(task.id);
      const row: TaskRow = { projectId: project.id, id: task.id, seq: seq++, text: task.text, meta: task.meta, importId: `bundle:${bundle.createdAt}` };
      if (task.compare !== undefined) row.compare = task.compare;
      fresh.push(row);
    }
    for (const task of fresh) tasks.set(task.id, task);
    if (bundle.labels) checkLabelValues(bundle.labels, project, (id) => tasks.get(id));
    await db.tasks.bulkAdd(fresh);
    const stored = { ...project, nextSeq: seq, updatedAt: now };
    await db.projects.put(stored);
    const incoming = bundle.labels?.annotations.map((a) => ({ ...a, projectId: project.id }));
    const labels = incoming ? planTotals(await applyIncomingTo(db, stored, incoming, tasks)) : null;
    const { joined, misfits } = await promoteHeld(db, project);
    return { created: !existing, addedTasks: fresh.length, labels, joined, misfits, hiddenShare: later?.rubric?.hiddenSuggestionShare ?? null };
  });
}
