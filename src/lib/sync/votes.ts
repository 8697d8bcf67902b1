// What counts as a vote when annotations are tallied for agreement and final labels: an annotation by role "label"
// with status "labelled" and at least one label. Skipped and retracted annotations are no opinion; reviews are
// adjudications, weighed separately.
import type { TaskType } from '../domain/types';
import type { SyncAnnotation } from './types';

export function isVote(a: SyncAnnotation): boolean {
  return a.role === 'label' && a.status === 'labelled' && a.value.length > 0;
}

/** Votes by task id, for the annotations of one project (merged: one per annotator and task). */
export function votesByTask(annotations: readonly SyncAnnotation[]): Map<string, SyncAnnotation[]> {
  const byTask = new Map<string, SyncAnnotation[]>();
  for (const a of annotations) {
    if (!isVote(a)) continue;
    const votes = byTask.get(a.taskId);
    if (votes === undefined) byTask.set(a.taskId, [a]);
    else votes.push(a);
  }
  return byTask;
}

/** A single-label vote's category. A value with several labels (a file from a multi-label setup) is its own category. */
export function singleChoice(value: readonly string[]): string {
  return value.length === 1 ? (value[0] as string) : [...value].sort().join(' + ');
}

/** For files that do not say: multi-label as soon as one vote holds a number of labels other than one. */
export function inferTaskType(annotations: readonly SyncAnnotation[]): TaskType {
  return annotations.some((a) => isVote(a) && a.value.length !== 1) ? 'multi' : 'single';
}

/** Every label name used in a vote, plus the project's own, sorted. */
export function labelNames(annotations: readonly SyncAnnotation[], projectLabels: readonly string[] = []): string[] {
  const names = new Set(projectLabels);
  for (const a of annotations) if (isVote(a)) for (const label of a.value) names.add(label);
  return [...names].sort();
}
