import type { AnnotationRow, TaskRow } from '../db/rows';

/** A decision the annotator may take back: the task, and its annotation before the decision. */
export interface UndoEntry {
  task: TaskRow;
  before: AnnotationRow | undefined;
}

const UNDO_DEPTH = 200;

/** The annotator's last decisions, newest last; `size` is reactive, for the Undo button. */
export class UndoStack {
  size = $state(0);
  private entries: UndoEntry[] = [];

  push(entry: UndoEntry): void {
    this.entries.push(entry);
    if (this.entries.length > UNDO_DEPTH) this.entries.shift();
    this.size = this.entries.length;
  }

  pop(): UndoEntry | undefined {
    const entry = this.entries.pop();
    this.size = this.entries.length;
    return entry;
  }

  /** A decision that never reached the database cannot be taken back. */
  forget(taskId: string): void {
    this.entries = this.entries.filter((entry) => entry.task.id !== taskId);
    this.size = this.entries.length;
  }
}
