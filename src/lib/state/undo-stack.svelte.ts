import { sameVersion, type AnnotationWrite } from '../db/annotations';
import type { AnnotationRow, TaskRow } from '../db/rows';
import { isDone } from '../db/tasks';

export const CHANGED_ELSEWHERE = 'That label was changed in another tab or by a merge since; nothing was undone.';

/**
 * A decision the annotator may take back: the task, its annotation before the decision, and the row the decision
 * stored once committed. Undo takes it back only while that row is still the task's newest (see writeAnnotationIfStill).
 */
export interface UndoEntry {
  task: TaskRow;
  before: AnnotationRow | undefined;
  stored?: AnnotationRow;
}

/**
 * Stores `write` only while the task's annotation is still `expected`, read in the same transaction; null when it
 * was not (see writeAnnotationIfStill).
 */
export type WriteIfStill = (write: AnnotationWrite, expected: AnnotationRow) => Promise<AnnotationRow | null>;

/** What an undo did: nothing (and why), refused as the label changed elsewhere, or took `stored` back as `after`. */
export type TakeBack =
  | { kind: 'nothing'; notice: string }
  | { kind: 'changed'; task: TaskRow; notice: string }
  | { kind: 'undone'; task: TaskRow; stored: AnnotationRow; after: AnnotationRow };

const UNDO_DEPTH = 200;

/** The annotator's last decisions in this tab, newest last; `size` is reactive, for the Undo button. */
export class UndoStack {
  size = $state(0);
  private entries: UndoEntry[] = [];

  push(entry: UndoEntry): void {
    this.entries.push(entry);
    if (this.entries.length > UNDO_DEPTH) this.entries.shift();
    this.size = this.entries.length;
  }

  /**
   * Takes back the newest decision: its task's annotation as it was before, written only while the row the decision
   * stored is still the newest (never another tab's or a merge's label). Call once every decision is committed.
   */
  async takeBack(writeIfStill: WriteIfStill, present: (task: TaskRow) => Promise<boolean>): Promise<TakeBack> {
    const entry = this.entries.pop();
    this.size = this.entries.length;
    if (!entry) return { kind: 'nothing', notice: 'Nothing to undo.' };
    const { task, before, stored } = entry;
    if (!(await present(task))) return { kind: 'nothing', notice: 'Nothing to undo: that task went when its import was taken back.' };
    const restored = before && isDone(before) ? before : undefined;
    const write: AnnotationWrite = { projectId: task.projectId, taskId: task.id, value: restored?.value ?? [], status: restored?.status ?? 'retracted' };
    const after = stored ? await writeIfStill(write, stored) : null;
    if (!stored || !after) return { kind: 'changed', task, notice: CHANGED_ELSEWHERE };
    // The decision that had stored `before` is taken back from `after` now: undoing twice on one task goes back twice.
    for (const older of this.entries) if (before && sameVersion(older.stored, before)) older.stored = after;
    return { kind: 'undone', task, stored, after };
  }

  /** A decision that never reached the database cannot be taken back. */
  forget(taskId: string): void {
    this.entries = this.entries.filter((entry) => entry.task.id !== taskId);
    this.size = this.entries.length;
  }
}
