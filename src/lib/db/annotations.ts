import Dexie from 'dexie';
import { agreesWithSuggestion } from '../learn/anchoring';
import type { FieldlabelDb } from './database';
import { reserveRevisions } from './annotator';
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

/** Compares the decision with the suggestion on screen (see agreesWithSuggestion). */
export function suggestionOutcome(write: AnnotationWrite): SuggestionOutcome | null {
  const suggestion = write.suggestion;
  // A hidden suggestion was neither accepted nor turned down: the annotator never saw it.
  if (!suggestion || suggestion.hidden || write.status === 'retracted') return null;
  if (write.status === 'skipped') return 'ignored';
  return agreesWithSuggestion(write.value, suggestion.value) ? 'accepted' : 'changed';
}

/** The local annotator's id as a connection last read it: it never changes once made (a rename keeps it). */
const localAnnotatorIds = new WeakMap<FieldlabelDb, string>();

/**
 * Stores one label (or skip, or retraction) by the local annotator in one transaction: the annotation and the
 * annotator's revision counter change together or not at all.
 */
export async function writeAnnotation(db: FieldlabelDb, write: AnnotationWrite, now = Date.now()): Promise<AnnotationRow> {
  return (await writeAnnotations(db, [write], now))[0] as AnnotationRow;
}

/**
 * Stores several decisions in one transaction, in order, each with its own revision: all of them or none. Two round
 * trips whatever their number (three on a connection's first write), so labels pressed while one transaction commits
 * go together in the next.
 */
export function writeAnnotations(db: FieldlabelDb, writes: readonly AnnotationWrite[], now = Date.now()): Promise<AnnotationRow[]> {
  if (writes.length === 0) return Promise.resolve([]);
  // Dexie promises chained with then, no async function in the transaction: Dexie keeps its transaction across each
  // native await by re-entering its zone in extra microtasks, and in Chromium traces those took 2-10 ms of the main
  // thread per label, right when the annotator's next key arrives.
  return db.transaction('rw', db.annotations, db.settings, () => {
    const keysFor = (localId: string) => writes.map((write): [string, string, string] => [write.projectId, write.taskId, annotatorIdFor(localId, write)]);
    // Each round trip waits for the page's main thread, which is busiest right after a key press: with the local
    // annotator known, the earlier rows are read beside the revision counter, two round trips instead of three
    // (right after a 100k import, a round trip took 10-40 ms in bench label-commit's traces, over 100 under load).
    const known = localAnnotatorIds.get(db);
    const early = known === undefined ? null : db.annotations.bulkGet(keysFor(known));
    return reserveRevisions(db, writes.length).then(({ annotator, stored }) => {
      localAnnotatorIds.set(db, annotator.id);
      const firstRevision = annotator.revision - writes.length + 1;
      const keys = keysFor(annotator.id);
      const previousRows = early !== null && known === annotator.id ? early : db.annotations.bulkGet(keys);
      return Dexie.Promise.all([previousRows, stored]).then(([previous]) => {
        // A task decided twice in one batch keeps the creation time of its first decision.
        const createdAt = new Map<string, number>();
        const rows = writes.map((write, i): AnnotationRow => {
          const [, , annotatorId] = keys[i] as [string, string, string];
          const key = (keys[i] as string[]).join('\u0000');
          const created = createdAt.get(key) ?? previous[i]?.createdAt ?? now;
          createdAt.set(key, created);
          return annotationRow(write, annotatorId, annotator.deviceId, firstRevision + i, created, now);
        });
        return db.annotations.bulkPut(rows).then(() => rows);
      });
    });
  });
}

/**
 * Stores `write` (an undo) only while the task's annotation is still `expected`, the version this tab stored: read,
 * compared and written in one transaction, so a label another tab or a merge stored since is never taken back.
 * Resolves with null, having written nothing, when it changed. A Dexie promise chain, as writeAnnotations.
 */
export function writeAnnotationIfStill(db: FieldlabelDb, write: AnnotationWrite, expected: AnnotationRow, now = Date.now()): Promise<AnnotationRow | null> {
  return db.transaction('rw', db.annotations, db.settings, () =>
    db.annotations.get([write.projectId, write.taskId, expected.annotatorId]).then((current) => {
      if (!current || !sameVersion(current, expected)) return null;
      return reserveRevisions(db, 1).then(({ annotator, stored }) => {
        const row = annotationRow(write, current.annotatorId, annotator.deviceId, annotator.revision, current.createdAt, now);
        return Dexie.Promise.all([stored, db.annotations.put(row)]).then(() => row);
      });
    }),
  );
}

/** Whether two rows are the same version of one annotator's label: revisions are unique per annotator and device. */
export function sameVersion(a: AnnotationRow | undefined, b: AnnotationRow | undefined): boolean {
  return a?.annotatorId === b?.annotatorId && a?.revision === b?.revision && a?.deviceId === b?.deviceId;
}

function annotationRow(write: AnnotationWrite, annotatorId: string, deviceId: string, revision: number, createdAt: number, now: number): AnnotationRow {
  return {
    projectId: write.projectId,
    taskId: write.taskId,
    annotatorId,
    role: write.role ?? 'label',
    value: write.status === 'labelled' ? [...write.value] : [],
    status: write.status,
    createdAt,
    updatedAt: now,
    revision,
    deviceId,
    suggestion: write.suggestion ?? null,
    suggestionOutcome: suggestionOutcome(write),
  };
}

function annotatorIdFor(localId: string, write: AnnotationWrite): string {
  return write.role === 'review' ? reviewerId(localId) : localId;
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

/** Whether the counts say the annotator has done every task (labelled or skipped it). */
export function everyTaskDone(progress: Progress): boolean {
  return progress.total > 0 && progress.labelled + progress.skipped >= progress.total;
}

/** The counts once `after` replaced `before` (a retraction counts as neither labelled nor skipped). */
export function progressAfter(progress: Progress, before: AnnotationRow | undefined, after: AnnotationRow): Progress {
  const next = { ...progress };
  if (before?.status === 'labelled') next.labelled--;
  if (before?.status === 'skipped') next.skipped--;
  if (after.status === 'labelled') next.labelled++;
  if (after.status === 'skipped') next.skipped++;
  return next;
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
