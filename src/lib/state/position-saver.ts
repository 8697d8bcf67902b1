/**
 * Where the annotator is, saved once they pause (and when the page is hidden): a write per keypress would take the
 * database's time from the labels, and a position a few tasks old costs nothing (reopening passes over tasks done
 * since, see AnnotateSession.open).
 */
export const POSITION_SAVE_DELAY_MS = 1000;

export class PositionSaver {
  private unsaved: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly store: (seq: number) => Promise<void>;

  constructor(store: (seq: number) => Promise<void>) {
    this.store = store;
  }

  moved(seq: number): void {
    this.unsaved = seq;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), POSITION_SAVE_DELAY_MS);
  }

  /** Saves now if the position moved since the last save; a failed save is not worth a message. */
  async save(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const seq = this.unsaved;
    this.unsaved = null;
    if (seq !== null) await this.store(seq).catch(() => undefined);
  }
}
