// Annotations kept apart. A label file can be ahead of this device — the coordinator added tasks in a later bundle —
// so annotations of tasks the project does not have are neither refused nor applied: they are held beside the
// project's labels, never counted in progress, agreement, review or final labels, carried in full label files, and
// they join the labels, through the usual merge, once their task arrives.
//
// Held and applied annotations are each merged by the rules of merge.ts, and an annotation sits in one or the other
// by whether its task is here, so applying files and receiving tasks in any order, any number of times, ends in the
// same two sets: together they are the merge of everything seen (property-tested in held.property.test.ts).
import { mergeAll, planImport, type ImportPlan } from './merge';
import type { SyncAnnotation } from './types';

export interface ProjectLabelSets {
  /** The project's labels: annotations of its tasks. */
  labels: readonly SyncAnnotation[];
  /** Annotations kept apart. */
  held: readonly SyncAnnotation[];
}

export interface IncomingPlan {
  /** What the annotations of tasks the project has do to its labels. */
  labels: ImportPlan;
  /** What the others do to the annotations kept apart. */
  held: ImportPlan;
}

/** Sorts incoming annotations by whether the project has their task, and plans each part against its set. */
export function planIncoming(current: ProjectLabelSets, incoming: readonly SyncAnnotation[], hasTask: (taskId: string) => boolean): IncomingPlan {
  const here: SyncAnnotation[] = [];
  const apart: SyncAnnotation[] = [];
  for (const a of incoming) (hasTask(a.taskId) ? here : apart).push(a);
  return { labels: planImport(current.labels, here), held: planImport(current.held, apart) };
}

export interface PromotionPlan {
  /** What the held annotations that are ready do to the labels, merged like any incoming annotation. */
  labels: ImportPlan;
  /** The held annotations that leave the held set. */
  leaving: SyncAnnotation[];
}

/** Held annotations whose task has arrived (and that fit it, which `isReady` says) join the labels. */
export function planPromotion(current: ProjectLabelSets, isReady: (a: SyncAnnotation) => boolean): PromotionPlan {
  const leaving = current.held.filter(isReady);
  return { labels: planImport(current.labels, leaving), leaving };
}

/** What applying a plan writes: new identities and newer versions. */
export function writesOf(plan: ImportPlan): SyncAnnotation[] {
  return [...plan.added, ...plan.updated.map((u) => u.theirs)];
}

export interface HeldCounts {
  annotations: number;
  tasks: number;
}

/** How many annotations (one per annotator and task) and tasks a list of held annotations speaks of. */
export function heldCounts(annotations: readonly SyncAnnotation[]): HeldCounts {
  const merged = mergeAll([annotations]);
  return { annotations: merged.length, tasks: new Set(merged.map((a) => a.taskId)).size };
}

/** What an incoming plan does, in numbers: for summaries, and small enough to cross from a worker. */
export interface PlanTotals {
  added: number;
  updated: number;
  unchanged: number;
  stale: number;
  /** Annotations for tasks the project does not have, kept apart, and how many tasks they are for. */
  keptApart: number;
  keptApartTasks: number;
}

export function planTotals(plan: IncomingPlan): PlanTotals {
  const { labels, held } = plan;
  const apart = heldCounts([...held.added, ...held.updated.map((u) => u.theirs), ...held.unchanged, ...held.stale.map((s) => s.theirs)]);
  return {
    added: labels.added.length,
    updated: labels.updated.length,
    unchanged: labels.unchanged.length,
    stale: labels.stale.length,
    keptApart: apart.annotations,
    keptApartTasks: apart.tasks,
  };
}
