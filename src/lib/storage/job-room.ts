// The room one job stores into: an import, an embedding pass, a bundle, a model. See room.ts for why a job must
// never take the device into its last headroom bytes, and why it may never write just to find out.
import { headroomBytes, judgeRoom, NotEnoughRoomError, type StorageFigures } from './room';

export interface JobRoomDeps {
  estimate(): Promise<StorageFigures>;
}

/** Asks the browser's figure before the job starts and before every batch it stores; never writes to find out. */
export class JobRoom {
  private readonly deps: JobRoomDeps;
  private readonly what: string;
  private headroom = 0;
  private usageAtStart: number | null = null;
  private usage = 0;

  private constructor(deps: JobRoomDeps, what: string) {
    this.deps = deps;
    this.what = what;
  }

  /** `what` names the job in messages ("importing tasks.jsonl"). Throws NotEnoughRoomError when it may not start. */
  static async open(deps: JobRoomDeps, what: string, neededBytes: number): Promise<JobRoom> {
    const room = new JobRoom(deps, what);
    await room.use(neededBytes);
    return room;
  }

  /** Call before storing the next batch, with the bytes the job will still store (this batch's included). */
  async use(stillToCome: number): Promise<void> {
    const figures = await this.deps.estimate();
    this.usageAtStart ??= figures.usage;
    this.usage = figures.usage;
    this.headroom = headroomBytes(figures);
    const verdict = judgeRoom(figures, stillToCome);
    if (!verdict.ok) throw new NotEnoughRoomError(this.what, stillToCome, verdict.headroom, verdict.freeAtMost);
  }

  /** What the origin has grown by since the job opened, as of the last check: the job's own bytes, measured. */
  get grownBy(): number {
    return Math.max(0, this.usage - (this.usageAtStart ?? this.usage));
  }

  /**
   * The error to report for a failed write: the browser refusing it for want of room (QuotaExceededError) reads
   * like any other lack of room.
   */
  explain(error: unknown, stillToCome: number): unknown {
    const name = (error as { name?: unknown } | null)?.name;
    const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
    if (name !== 'QuotaExceededError' && inner !== 'QuotaExceededError') return error;
    return new NotEnoughRoomError(this.what, stillToCome, this.headroom, null);
  }
}

/** The browser's figure, where jobs run (the page or a worker). */
export const browserRoomDeps: JobRoomDeps = {
  estimate: async () => {
    const estimate = await navigator.storage.estimate();
    return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
  },
};
