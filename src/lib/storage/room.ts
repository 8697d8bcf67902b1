// How much the device may still store, and whether a job that will store `needed` bytes may start or go on.
//
// A disk that fills during an IndexedDB write can cost every project: on Chromium 150 and 156 alike, a task import
// that ran the disk full left the origin with an empty database once the browser restarted. So no job that stores
// much (an import, an embedding pass, a bundle, a model) may take the device into its last HEADROOM bytes; labels,
// a few hundred bytes each, are what that room is kept for.
//
// `navigator.storage.estimate()` alone cannot say how much room there is: Chromium reports the quota as the usage
// plus the free space rounded up to whole GiB, capped at 10 GiB (measured on tmpfs disks of 100 MB to 12 GB: 100 MB
// free read as 1 GiB). So the estimate is an upper bound; only its lower edge, one GiB below, is certain. Between the
// two, the only way to know is to try: write the bytes to a scratch file and delete it (see room-probe.ts).
import { formatBytes } from '../units';

export const MB = 1_000_000;
export const GIB = 1024 * 1024 * 1024;
/** The least room kept free for labels and for IndexedDB's own compaction. */
export const MIN_HEADROOM_BYTES = 200 * MB;
/** How far Chromium may round the free space up in its quota figure. */
export const QUOTA_ROUNDING_BYTES = GIB;
/**
 * Bytes of storage per byte of a file of tasks or labels once it is in the database (an import, a bundle), IndexedDB's
 * compaction included: a 22 MB JSON Lines file of short texts settled at 49 MB (2.2x) in Chromium, and compaction
 * needs some room on top while it runs.
 */
export const STORED_BYTES_PER_FILE_BYTE = 3;

export interface StorageFigures {
  usage: number;
  quota: number;
}

/** The larger of 10 % of what the browser grants this app and 200 MB. */
export function headroomBytes(figures: StorageFigures): number {
  return Math.max(MIN_HEADROOM_BYTES, Math.round(0.1 * figures.quota));
}

export type RoomVerdict =
  /** Certain: the estimate's lower edge leaves the headroom after the job. */
  | { kind: 'enough' }
  /** Certain: even the estimate's upper bound is too small. */
  | { kind: 'short'; freeBytes: number }
  /** Unknown: write `bytes` to find out. */
  | { kind: 'probe'; bytes: number };

export function judgeRoom(figures: StorageFigures, neededBytes: number): RoomVerdict {
  const want = neededBytes + headroomBytes(figures);
  const freeAtMost = Math.max(0, figures.quota - figures.usage);
  if (freeAtMost < want) return { kind: 'short', freeBytes: freeAtMost };
  if (freeAtMost - QUOTA_ROUNDING_BYTES >= want) return { kind: 'enough' };
  return { kind: 'probe', bytes: want };
}

/** Thrown by a job that stopped because the device is running out of room; its message is meant for the user. */
export class NotEnoughRoomError extends Error {
  readonly neededBytes: number;
  readonly freeBytes: number;

  constructor(what: string, neededBytes: number, headroom: number, freeBytes: number) {
    super(
      `Not enough free storage on this device: ${what} needs about ${formatBytes(neededBytes)}, and fieldlabel keeps ` +
        `${formatBytes(headroom)} free so that labels can always be saved; ${freeBytes < MB ? 'almost nothing' : `about ${formatBytes(freeBytes)}`} is free. ` +
        'Free some space on the device (other apps\' files, or projects you have exported) and try again.',
    );
    this.name = 'NotEnoughRoomError';
    this.neededBytes = neededBytes;
    this.freeBytes = freeBytes;
  }
}

export interface RoomDeps {
  estimate(): Promise<StorageFigures>;
  /** Tries to write `bytes` to a scratch file and removes it; says how far it got. */
  probe(bytes: number): Promise<{ ok: boolean; wroteBytes: number }>;
  now(): number;
}

export type RoomAnswer = { ok: true } | { ok: false; freeBytes: number; headroomBytes: number };

/** A probe's answer holds for this long, less whatever this app stored since; other apps may write meanwhile. */
const PROBE_VALID_MS = 60_000;

/**
 * Asks, as often as a job likes (e.g. before every batch it stores), whether `needed` more bytes fit above the
 * headroom. Probing writes up to the headroom and more, so a probe's answer is reused while it lasts.
 */
export class RoomGuard {
  private readonly deps: RoomDeps;
  private verified: { at: number; usage: number; bytes: number } | null = null;

  constructor(deps: RoomDeps) {
    this.deps = deps;
  }

  async room(neededBytes: number): Promise<RoomAnswer> {
    const figures = await this.deps.estimate();
    const headroom = headroomBytes(figures);
    const verdict = judgeRoom(figures, neededBytes);
    if (verdict.kind === 'enough') return { ok: true };
    if (verdict.kind === 'short') return { ok: false, freeBytes: verdict.freeBytes, headroomBytes: headroom };
    const v = this.verified;
    if (v && this.deps.now() - v.at < PROBE_VALID_MS && v.bytes - Math.max(0, figures.usage - v.usage) >= verdict.bytes) return { ok: true };
    const probed = await this.deps.probe(verdict.bytes);
    if (!probed.ok) {
      this.verified = null;
      return { ok: false, freeBytes: probed.wroteBytes, headroomBytes: headroom };
    }
    this.verified = { at: this.deps.now(), usage: figures.usage, bytes: verdict.bytes };
    return { ok: true };
  }

  /** Throws NotEnoughRoomError, naming `what` (e.g. "importing tasks.jsonl"), when `needed` does not fit. */
  async ensure(what: string, neededBytes: number): Promise<void> {
    const answer = await this.room(neededBytes);
    if (!answer.ok) throw new NotEnoughRoomError(what, neededBytes, answer.headroomBytes, answer.freeBytes);
  }
}
