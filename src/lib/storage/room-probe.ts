// The one certain way for the page to learn whether the disk holds `bytes` more: write them to a scratch file in
// the origin's private file system, then throw the file away. Used only when the browser's estimate cannot tell
// (see room.ts). Workers reserve instead (opfs-reservation.ts).
import { randomChunk } from './opfs-reservation';

const PROBE_FILE = 'room-probe.tmp';

export async function probeRoom(bytes: number): Promise<{ ok: boolean; wroteBytes: number }> {
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(PROBE_FILE, { create: true });
  const writable = await handle.createWritable();
  let wrote = 0;
  try {
    while (wrote < bytes) {
      const piece = randomChunk().subarray(0, Math.min(randomChunk().length, bytes - wrote));
      await writable.write(piece);
      wrote += piece.length;
    }
    return { ok: true, wroteBytes: wrote };
  } catch {
    return { ok: false, wroteBytes: wrote };
  } finally {
    // abort() drops the written swap file without ever committing it; the empty file goes too.
    await writable.abort().catch(() => undefined);
    await root.removeEntry(PROBE_FILE).catch(() => undefined);
  }
}

/** The guard's view of this browser's storage: the estimate, and the probe above. */
export function browserRoomDeps(): { estimate(): Promise<{ usage: number; quota: number }>; probe: typeof probeRoom; now(): number } {
  return {
    estimate: async () => {
      const estimate = await navigator.storage.estimate();
      return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
    },
    probe: probeRoom,
    now: () => Date.now(),
  };
}
