// Reservations (see job-room.ts) as files in the origin private file system, written through a synchronous access
// handle: only workers have one, and it lets the file shrink in place. The bytes are random, so a file system that
// compresses cannot make a reservation look larger than the room it holds.
import type { JobRoomDeps, Reservation } from './job-room';

const PREFIX = 'room-';
const CHUNK_BYTES = 4 * 1024 * 1024;
let chunk: Uint8Array<ArrayBuffer> | null = null;

/** The same random bytes for every write: making them costs more than writing them. */
export function randomChunk(): Uint8Array<ArrayBuffer> {
  if (chunk) return chunk;
  chunk = new Uint8Array(CHUNK_BYTES);
  // getRandomValues fills at most 64 KiB per call.
  for (let at = 0; at < CHUNK_BYTES; at += 65536) crypto.getRandomValues(chunk.subarray(at, at + 65536));
  return chunk;
}

export async function reserveInOpfs(bytes: number): Promise<Reservation | { failedAtBytes: number }> {
  const root = await navigator.storage.getDirectory();
  // Several workers may each hold one.
  const name = `${PREFIX}${crypto.randomUUID()}.tmp`;
  const access = await (await root.getFileHandle(name, { create: true })).createSyncAccessHandle();
  let size = 0;
  const release = async () => {
    access.close();
    await root.removeEntry(name).catch(() => undefined);
  };
  try {
    while (size < bytes) {
      const piece = randomChunk().subarray(0, Math.min(CHUNK_BYTES, bytes - size));
      const written = access.write(piece, { at: size });
      size += written;
      if (written < piece.length) throw new Error('disk full');
    }
    access.flush();
  } catch {
    await release();
    return { failedAtBytes: size };
  }
  return {
    get bytes() {
      return size;
    },
    async stillFree(bytes) {
      try {
        return access.write(randomChunk().subarray(0, Math.min(bytes, CHUNK_BYTES)), { at: size }) === Math.min(bytes, CHUNK_BYTES);
      } catch {
        return false;
      } finally {
        access.truncate(size);
      }
    },
    async shrink(by) {
      size = Math.max(0, size - by);
      access.truncate(size);
      access.flush();
    },
    release,
  };
}

/** Reservations a closed tab's worker left behind. One still held by a live worker cannot be removed, and stays. */
export async function removeStaleReservations(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) {
    if (name.startsWith(PREFIX)) await root.removeEntry(name).catch(() => undefined);
  }
}

/** A worker's view of its storage: the browser's estimate, and reservations in the private file system. */
export const workerRoomDeps: JobRoomDeps = {
  estimate: async () => {
    const estimate = await navigator.storage.estimate();
    return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
  },
  reserve: reserveInOpfs,
};
