import type { AnnotationWrite } from '../db/annotations';
import type { AnnotationRow } from '../db/rows';
import { afterNextPaint, type AfterPaint } from './after-paint';

/** Stores a batch of decisions in one transaction, in order (see writeAnnotations). */
export type StoreAnnotations = (writes: AnnotationWrite[]) => Promise<AnnotationRow[]>;

interface Waiting {
  write: AnnotationWrite;
  resolve: (row: AnnotationRow) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the annotator's decisions. A decision is sent to the database at once when none is being
 * written; those made while a transaction commits wait for it and then go together in the next one. A fast
 * annotator thus never builds a queue of transactions, each of which would also hold back the reads that choose
 * the next task — and every decision is still committed, in order, moments after it was made.
 */
export class LabelWriter {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  /** A writeAfterPaint is waiting for its frame. */
  private scheduled = false;
  private readonly store: StoreAnnotations;
  private readonly afterPaint: AfterPaint;

  constructor(store: StoreAnnotations, afterPaint: AfterPaint = afterNextPaint) {
    this.store = store;
    this.afterPaint = afterPaint;
  }

  /** A decision asked for is not committed (or failed) yet. */
  get busy(): boolean {
    return this.waiting.length > 0 || this.writing !== null;
  }

  /** Resolves with the stored row once its transaction committed; rejects if that transaction failed. */
  write(write: AnnotationWrite): Promise<AnnotationRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (!this.writing) this.writeWaiting();
    });
  }

  /**
   * Like write, but the transaction starts once the frame showing the edit is painted, unless flush, settled or
   * write sends it sooner. For edits that stay on screen (a span label): starting a transaction and handling its
   * first results took about 2 ms of the key press's frame in the span editor. The page going away still sends it
   * at once (flush).
   */
  writeAfterPaint(write: AnnotationWrite): Promise<AnnotationRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (this.writing || this.scheduled) return;
      this.scheduled = true;
      this.afterPaint(() => {
        this.scheduled = false;
        if (!this.writing && this.waiting.length > 0) this.writeWaiting();
      });
    });
  }

  /**
   * Sends the waiting decisions to the database now, beside the transaction still committing: the page is going
   * away, and a transaction already begun has the best chance to finish.
   */
  flush(): void {
    if (this.waiting.length > 0) this.writeWaiting();
  }

  /** Resolves once every decision asked for so far is committed or has failed. */
  async settled(): Promise<void> {
    if (!this.writing && this.waiting.length > 0) this.writeWaiting();
    while (this.writing) await this.writing;
  }

  private writeWaiting(): void {
    const batch = this.waiting.splice(0);
    const writing: Promise<void> = this.store(batch.map((entry) => entry.write))
      .then(
        (rows) => batch.forEach((entry, i) => entry.resolve(rows[i] as AnnotationRow)),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      )
      .then(() => {
        if (this.writing !== writing) return;
        this.writing = null;
        if (this.waiting.length > 0) this.writeWaiting();
      });
    this.writing = writing;
  }
}
