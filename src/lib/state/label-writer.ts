import type { AnnotationWrite } from '../db/annotations';
import type { AnnotationRow } from '../db/rows';

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
  private readonly store: StoreAnnotations;

  constructor(store: StoreAnnotations) {
    this.store = store;
  }

  /** Resolves with the stored row once its transaction committed; rejects if that transaction failed. */
  write(write: AnnotationWrite): Promise<AnnotationRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (!this.writing) this.writeWaiting();
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
