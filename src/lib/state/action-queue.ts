/**
 * Runs a session's actions one after another in the order they were asked for, so a burst of keypresses is applied
 * in order, and knows how many of those that store a decision have not finished: closing the page before they
 * have could lose a label (see AnnotateSession.unsaved).
 */
export class ActionQueue {
  private tail: Promise<void> = Promise.resolve();
  private writesLeft = 0;
  private readonly onError: (error: unknown) => void;

  /** `onError` hears of an action that failed; the queue goes on with the next. */
  constructor(onError: (error: unknown) => void) {
    this.onError = onError;
  }

  /** Actions that store something (writes) are queued but not finished. */
  get writing(): boolean {
    return this.writesLeft > 0;
  }

  /** Resolves once every action asked for so far has finished. */
  settled(): Promise<void> {
    return this.tail;
  }

  run(action: () => Promise<void>, { writes = false } = {}): Promise<void> {
    if (writes) this.writesLeft++;
    const run = this.tail
      .then(action)
      .catch(this.onError)
      .finally(() => {
        if (writes) this.writesLeft--;
      });
    this.tail = run;
    return run;
  }
}
