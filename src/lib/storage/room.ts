// How much the device may still store, and whether a job that will store `needed` bytes may start or go on.
//
// Chromium (150 and 156 alike, checked on tmpfs disks) has two ways to lose everything when storage runs out:
// - a write the quota refuses (QuotaExceededError, from IndexedDB or the origin private file system) makes it evict
//   the origin's storage at once — every database, the service worker's caches and the private file system — even
//   with persistent storage granted;
// - a write that meets a really full disk leaves the database to be deleted when the browser starts next.
// So no job that stores much (an import, an embedding pass, a bundle, a model) may start unless it surely fits with
// HEADROOM to spare, and no write may ever be made just to find out: a probe that fails is itself the disaster.
//
// The only figure is `navigator.storage.estimate()`, and Chromium rounds it: the quota reads as the usage plus the
// room left rounded UP to whole GiB, capped at 10 GiB (a disk with 100 MB free reads as 1 GiB), and it is computed
// when the browser starts, so another app filling the disk afterwards does not show. Only the figure less one GiB
// is certain; below that, a job is refused unless it is as small as a day of labels, whose risk the app takes anyway.
import { formatBytes } from '../units';

export const MB = 1_000_000;
export const GIB = 1024 * 1024 * 1024;
/** The least room kept free for labels and for IndexedDB's own compaction. */
export const MIN_HEADROOM_BYTES = 200 * MB;
/** How far Chromium may round the room left up in its quota figure. */
export const QUOTA_ROUNDING_BYTES = GIB;
/** A job this small may go ahead where the figure cannot tell: labels of a long day take about as much. */
export const LABEL_SIZED_BYTES = MB;
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

/** The room the figure shows: at most this much is left, and surely this much less one GiB. */
export function roomAtMost(figures: StorageFigures): number {
  return Math.max(0, figures.quota - figures.usage);
}

export type RoomVerdict = { ok: true } | { ok: false; freeAtMost: number; headroom: number };

/** Whether a job that stores `neededBytes` surely fits with the headroom to spare. */
export function judgeRoom(figures: StorageFigures, neededBytes: number): RoomVerdict {
  const headroom = headroomBytes(figures);
  const atMost = roomAtMost(figures);
  if (atMost - QUOTA_ROUNDING_BYTES >= neededBytes + headroom) return { ok: true };
  if (neededBytes <= LABEL_SIZED_BYTES && atMost >= neededBytes + headroom) return { ok: true };
  return { ok: false, freeAtMost: atMost, headroom };
}

/** Whether the device is short of room already, before any job: what the low-storage banner shows. */
export function isStorageLow(figures: StorageFigures): boolean {
  return !judgeRoom(figures, LABEL_SIZED_BYTES + 1).ok;
}

/** Thrown by a job that stops, or never starts, because the device is running out of room; meant for the user. */
export class NotEnoughRoomError extends Error {
  readonly neededBytes: number;

  constructor(what: string, neededBytes: number, headroom: number, freeAtMost: number | null) {
    const free =
      freeAtMost === null
        ? 'the browser refused to store more'
        : `this device has at most ${formatBytes(freeAtMost)} left for it (the browser tells apps the room left only in whole GB, rounded up)`;
    super(
      `Not enough free storage on this device: ${what} needs about ${formatBytes(neededBytes)}, and fieldlabel keeps ` +
        `${formatBytes(headroom)} free so that labels can always be saved; ${free}. ` +
        'Free some space on the device (other apps\' files, or projects you have exported) and try again.',
    );
    this.name = 'NotEnoughRoomError';
    this.neededBytes = neededBytes;
  }
}
