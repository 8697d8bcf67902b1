import { writeAnnotationIfStill, writeAnnotations, type AnnotationWrite } from '../db/annotations';
import type { FieldlabelDb } from '../db/database';
import type { AnnotationRow, TaskRow } from '../db/rows';
import { LabelWriter } from './label-writer';
import { NO_COPY, type KeepCopy } from './second-copy';
import { UndoStack, type TakeBack, type UndoEntry } from './undo-stack.svelte';
import { UNSHARED, type WriteGate } from './write-gate';

export interface WriteOptions {
  /** Where every write goes through (only the tab holding the project writes). */
  gate?: WriteGate;
  /** Every stored row also goes to the second copy of the labels, before the write counts as done. */
  keepCopy?: KeepCopy;
}

/**
 * The annotator's decisions on their way into the database, and back out: every write goes through the project's
 * write gate (only the tab holding the project writes) in group commits (LabelWriter); each decision is kept for undo
 * with the row it stored, and undo takes back only this tab's own label while it is still the newest.
 */
export class Decisions {
  private readonly writer: LabelWriter;
  private readonly undoStack = new UndoStack();
  private readonly db: FieldlabelDb;
  private readonly gate: WriteGate;

  private readonly keepCopy: KeepCopy;

  constructor(db: FieldlabelDb, { gate = UNSHARED, keepCopy = NO_COPY }: WriteOptions = {}) {
    this.db = db;
    this.gate = gate;
    this.keepCopy = keepCopy;
    this.writer = new LabelWriter((writes) => gate.run(() => writeAnnotations(db, writes)).then((rows) => keepCopy(rows).then(() => rows)));
  }

  /** How many decisions undo can take back (reactive, for the Undo button). */
  get undoable(): number {
    return this.undoStack.size;
  }

  /** A decision asked for is not committed (or failed) yet. */
  get busy(): boolean {
    return this.writer.busy;
  }

  /** Stores a decision; it can be undone from now on, unless its write fails. */
  store(write: AnnotationWrite, task: TaskRow, before: AnnotationRow | undefined): Promise<AnnotationRow> {
    const entry: UndoEntry = { task, before };
    this.undoStack.push(entry);
    return this.writer.write(write).then(
      (row) => (entry.stored = row),
      (error: unknown) => {
        this.undoStack.forget(task.id);
        throw error;
      },
    );
  }

  /** Stores an edit that stays on screen once its frame is painted (see LabelWriter.writeAfterPaint). */
  async storeAfterPaint(write: AnnotationWrite, task: TaskRow, before: AnnotationRow | undefined): Promise<AnnotationRow> {
    const stored = await this.writer.writeAfterPaint(write);
    this.undoStack.push({ task, before, stored });
    return stored;
  }

  /** Takes back this tab's newest decision, once the decisions still being written are stored (see UndoStack.takeBack). */
  async takeBack(present: (task: TaskRow) => Promise<boolean>): Promise<TakeBack> {
    await this.writer.settled();
    return this.undoStack.takeBack(
      (write, expected) =>
        this.gate.run(() => writeAnnotationIfStill(this.db, write, expected)).then((row) => (row ? this.keepCopy([row]).then(() => row) : row)),
      present,
    );
  }

  /** Resolves once every decision asked for so far is committed or has failed. */
  settled(): Promise<void> {
    return this.writer.settled();
  }

  /** The page is going away: waiting decisions go now (see LabelWriter.flush). */
  flush(): void {
    this.writer.flush();
  }
}
