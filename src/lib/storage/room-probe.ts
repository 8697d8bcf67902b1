// The one certain way to learn whether the disk holds `bytes` more: write them to a scratch file in the origin's
// private file system, then throw the file away. Used only when the browser's estimate cannot tell (see room.ts).
// The bytes are random, so a file system that compresses cannot make the probe look larger than the room it found.

const PROBE_FILE = 'room-probe.tmp';
const CHUNK_BYTES = 4 * 1024 * 1024;

let chunk: Uint8Array<ArrayBuffer> | null = null;

function randomChunk(): Uint8Array<ArrayBuffer> {
  if (chunk) return chunk;
  chunk = new Uint8Array(CHUNK_BYTES);
  // getRandomValues fills at most 64 KiB per call.
  for (let at = 0; at < CHUNK_BYTES; at += 65536) crypto.getRandomValues(chunk.subarray(at, at + 65536));
  return chunk;
}

export async function probeRoom(bytes: number): Promise<{ ok: boolean; wroteBytes: number }> {
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(PROBE_FILE, { create: true });
  const writable = await handle.createWritable();
  let wrote = 0;
  try {
    while (wrote < bytes) {
      const piece = randomChunk().subarray(0, Math.min(CHUNK_BYTES, bytes - wrote));
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
