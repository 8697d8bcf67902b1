import type { FieldlabelDb } from './database';
import { nextRevision } from './annotator';
import type { AnnotationRole, AnnotationRow, AnnotationStatus, SuggestionOutcome, SuggestionRecord } from './rows';

export interface AnnotationWrite {
  projectId: string;
  taskId: string;
  value: string[];
  status: AnnotationStatus;
  /** The suggestion on screen when the annotator decided, if any. */
  suggestion?: SuggestionRecord | null;
  /** A review is written under the local annotator's review identity (reviewerId). */
  role?: AnnotationRole;
}

/** The local annotator reviewing: a separate identity, so their own label and their verdict never collide. */
export function reviewerId(annotatorId: string): string {
  return `${annotatorId}#review`;
}

/** Compares the decision with the suggestion on screen; order of labels does not matter. */
export function suggestionOutcome(write: AnnotationWrite): SuggestionOutcome | null {
  const suggestion = write.suggestion;
  if (!suggestion || write.status === 'retracted') return null;
  if (write.status === 'skipped') return 'ignored';
  const same = suggestion.value.length === write.value.length && suggestion.value.every((v) => write.value.includes(v));
  return same ? 'accepted' : 'changed';
}

/**
 * Stores one label (or skip, or retraction) by the local annotator in one transaction: the annotation and the
 * annotator's revision counter change together or not at all.
 */
export async function writeAnnotation(db: FieldlabelDb, write: AnnotationWrite, now = Date.now()): Promise<AnnotationRow> {
  return db.transaction('rw', db.annotations, db.settings, async () => {
    const annotator = await nextRevision(db);
    const role = write.role ?? 'label';
    const annotatorId = role === 'review' ? reviewerId(annotator.id) : annotator.id;
    const previous = await db.annotations.get([write.projectId, write.taskId, annotatorId]);
    const row: AnnotationRow = {
      projectId: write.projectId,
      taskId: write.taskId,
      annotatorId,
      role,
      value: write.status === 'labelled' ? [...write.value] : [],
      status: write.status,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      revision: annotator.revision,
      deviceId: annotator.deviceId,
      suggestion: write.suggestion ?? null,
      suggestionOutcome: suggestionOutcome(write),
    };
    await db.annotations.put(row);
    return row;
  });
}

export async function getAnnotation(
  db: FieldlabelDb,
  projectId: string,
  taskId: string,
  annotatorId: string,
): Promise<AnnotationRow | undefined> {
  return db.annotations.get([projectId, taskId, annotatorId]);
}

export interface Progress {
  total: number;
  labelled: number;
  skipped: number;
}

/** Counts come from indexes, never from loading rows. */
export async function countByStatus(
  db: FieldlabelDb,
  projectId: string,
  annotatorId: string,
  status: AnnotationStatus,
): Promise<number> {
  return db.annotations.where('[projectId+annotatorId+status]').equals([projectId, annotatorId, status]).count();
}

export async function getProgress(db: FieldlabelDb, projectId: string, annotatorId: string): Promise<Progress> {
  return db.transaction('r', db.tasks, db.annotations, async () => {
    const [total, labelled, skipped] = await Promise.all([
      db.tasks.where('projectId').equals(projectId).count(),
      countByStatus(db, projectId, annotatorId, 'labelled'),
      countByStatus(db, projectId, annotatorId, 'skipped'),
    ]);
    return { total, labelled, skipped };
  });
}
