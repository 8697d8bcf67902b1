import type { OpenTask, OpenTaskScan } from '../db/tasks';

/** Reads up to `count` open tasks from `fromSeq` on, in import order (see findOpenTasks). */
export type OpenTaskScanner = (fromSeq: number, count: number) => Promise<OpenTaskScan>;

/** How many open tasks one read fetches, and how few may remain ahead before the next read starts. */
const WINDOW = 16;
const LOW_WATER = 6;

/**
 * The open tasks just ahead of the annotator, read a few at a time and kept in memory. Choosing the next task
 * then needs no annotation read, which would queue behind the label just being written (IndexedDB runs
 * transactions on the same table in order), and the next read starts while several tasks are still ahead.
 *
 * The window knows which tasks it checked (seqs `from`..`scannedTo`); the session reports every task it decides
 * (`decided`) and resets the window whenever a task may have reopened (undo, an import).
 */
export class OpenTaskWindow {
  private from = 0;
  private scannedTo = -1;
  private complete = false;
  private items: OpenTask[] = [];
  private reading: Promise<void> | null = null;
  /** Bumped on every restart, so a read that was under way when the window restarted is dropped. */
  private generation = 0;
  private readonly scan: OpenTaskScanner;

  constructor(scan: OpenTaskScanner) {
    this.scan = scan;
  }

  /**
   * The first open task after `seq` up to the last task (no wrap-around), or undefined when there is none.
   * Starts the next read in the background when few tasks remain ahead of the one returned.
   */
  async after(seq: number): Promise<OpenTask | undefined> {
    if (seq + 1 < this.from || seq + 1 > this.scannedTo + 1) this.restartAt(seq + 1);
    for (;;) {
      const next = this.items.find((item) => item.task.seq > seq);
      if (next || this.complete) {
        if (next) this.topUp(next.task.seq);
        return next;
      }
      await (this.reading ?? this.read());
    }
  }

  /** The annotator decided this task (or it was found done): it is no longer open. */
  decided(taskId: string): void {
    this.items = this.items.filter((item) => item.task.id !== taskId);
  }

  /** Forgets what was read: tasks may have reopened or been done elsewhere. */
  reset(): void {
    this.restartAt(0);
  }

  private restartAt(fromSeq: number): void {
    this.generation++;
    this.from = fromSeq;
    this.scannedTo = fromSeq - 1;
    this.complete = false;
    this.items = [];
  }

  private topUp(seq: number): void {
    if (this.complete || this.reading) return;
    if (this.items.filter((item) => item.task.seq > seq).length >= LOW_WATER) return;
    this.read().catch(() => undefined);
  }

  /** Reads the next tasks after what was checked; one read at a time, so the window stays in seq order. */
  private read(): Promise<void> {
    const generation = this.generation;
    const reading: Promise<void> = this.scan(this.scannedTo + 1, WINDOW)
      .then((result) => {
        if (generation !== this.generation) return;
        this.items.push(...result.open);
        this.scannedTo = result.scannedTo;
        this.complete = result.complete;
      })
      .finally(() => {
        if (this.reading === reading) this.reading = null;
      });
    this.reading = reading;
    return reading;
  }
}
