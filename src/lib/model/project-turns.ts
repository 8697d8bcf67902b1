// The worker's open project, changed one step at a time. Opening one re-reads every task and takes seconds; a model
// chosen meanwhile must apply to the project being opened, not to the one it replaces. Applied to the old one (closed
// by then) the choice was lost: the page showed no model, no download and no problem.

interface Closable {
  close(): void;
}

export class ProjectTurns<P extends Closable> {
  private current: P | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private requests = 0;

  /** The project open now; null before the first open. Reads need no turn: they may answer from the one replaced. */
  get project(): P | null {
    return this.current;
  }

  /**
   * Opens after the steps asked for before it. An open overtaken by a later one before its turn comes is skipped (the
   * later one re-reads the same rows) and resolves with the project the later one opened.
   */
  async open(make: () => Promise<P>): Promise<P> {
    const request = ++this.requests;
    const opened = await this.inTurn(async () => {
      if (request !== this.requests) return null;
      this.current?.close();
      this.current = await make();
      return this.current;
    });
    return opened ?? this.with(async (project) => project);
  }

  /** Runs `work` on the open project once every open and change asked for before it is done. */
  with<T>(work: (project: P) => Promise<T>): Promise<T> {
    return this.inTurn(() => {
      if (!this.current) throw new Error('No project is open.');
      return work(this.current);
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }
}
