// The room one job stores into: an import, an embedding pass, a bundle, a model. See room.ts for why a job must
// never take the device into its last headroom bytes.
import { headroomBytes, judgeRoom, NotEnoughRoomError, type StorageFigures } from './room';

/** Bytes written to a scratch file and kept, so no other writer on the device can take them. */
export interface Reservation {
  readonly bytes: number;
  /** Gives `bytes` of the reservation back to the disk. */
  shrink(bytes: number): Promise<void>;
  /** Whether `bytes` more can still be written beside it (written, then given back at once). */
  stillFree(bytes: number): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Checked before every batch a reserving job stores. Chromium refuses writes, and can lose the whole database, well
 * before a disk is completely full; its own file system refuses a write near that point too, so a failed write here
 * comes before a failed database write.
 */
export const CANARY_BYTES = 1024 * 1024;

export interface JobRoomDeps {
  estimate(): Promise<StorageFigures>;
  /** Writes `bytes` to a file kept until released; on a full disk, says how far it got. */
  reserve(bytes: number): Promise<Reservation | { failedAtBytes: number }>;
}

/**
 * Where the quota figure leaves no doubt that the job fits (see judgeRoom), the job goes on and the figure is asked
 * again before every batch. Where it cannot tell, the job's bytes and the headroom are reserved, and the job gives
 * back a batch's share right before storing it. Another app filling the disk meanwhile then meets a full disk
 * itself, not the job; and the headroom stays reserved until the job ends, so labels made
 * meanwhile always fit once it is given back. That other app can still fill what is left of the disk; before every
 * batch a small write beside the reservation tells whether it did, and the job then stops and gives everything back.
 */
export class JobRoom {
  private readonly deps: JobRoomDeps;
  private readonly what: string;
  private reservation: Reservation | null = null;
  private headroom = 0;

  private constructor(deps: JobRoomDeps, what: string) {
    this.deps = deps;
    this.what = what;
  }

  /** `what` names the job in messages ("importing tasks.jsonl"). Throws NotEnoughRoomError when it cannot fit. */
  static async open(deps: JobRoomDeps, what: string, neededBytes: number): Promise<JobRoom> {
    const room = new JobRoom(deps, what);
    await room.secure(neededBytes);
    return room;
  }

  /**
   * Call right before storing about `bytes`, of the `stillToCome` bytes (this batch's included) the job will store.
   * When another app has filled the disk meanwhile, the reservation is given back (room for the job to take back
   * what it stored, and for labels) and NotEnoughRoomError is thrown.
   */
  async use(bytes: number, stillToCome: number): Promise<void> {
    const held = this.reservation;
    if (held && !(await held.stillFree(CANARY_BYTES))) {
      await this.close();
      throw new NotEnoughRoomError(this.what, stillToCome, this.headroom, 0);
    }
    if (held && held.bytes - this.headroom >= bytes) return held.shrink(bytes);
    // No reservation (the device had room beyond doubt), or the job stores more than it first thought: ask again.
    await this.secure(Math.max(bytes, stillToCome));
    const renewed = this.reservation as Reservation | null;
    if (renewed) await renewed.shrink(Math.min(bytes, renewed.bytes - this.headroom));
  }

  /**
   * The error to report for a failed write: the browser refusing it for want of room (QuotaExceededError, which
   * comes before a disk is completely full) reads like any other lack of room.
   */
  explain(error: unknown, stillToCome: number): unknown {
    const name = (error as { name?: unknown } | null)?.name;
    const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
    if (name !== 'QuotaExceededError' && inner !== 'QuotaExceededError') return error;
    return new NotEnoughRoomError(this.what, stillToCome, this.headroom, 0);
  }

  /** Gives back whatever is still reserved; call when the job ends, however it ends. */
  async close(): Promise<void> {
    const held = this.reservation;
    this.reservation = null;
    await held?.release();
  }

  private async secure(neededBytes: number): Promise<void> {
    await this.close();
    const figures = await this.deps.estimate();
    this.headroom = headroomBytes(figures);
    const verdict = judgeRoom(figures, neededBytes);
    if (verdict.kind === 'enough') return;
    if (verdict.kind === 'short') throw new NotEnoughRoomError(this.what, neededBytes, this.headroom, verdict.freeBytes);
    const reserved = await this.deps.reserve(verdict.bytes);
    if ('failedAtBytes' in reserved) throw new NotEnoughRoomError(this.what, neededBytes, this.headroom, reserved.failedAtBytes);
    this.reservation = reserved;
  }
}
