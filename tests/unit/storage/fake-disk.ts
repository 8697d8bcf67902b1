// A disk for storage tests: the free bytes are the test's to set, the quota figure reads the way Chromium's does
// (rounded up to a whole GiB), and reservations take room from it and give it back.
import type { JobRoomDeps, Reservation } from '../../../src/lib/storage/job-room';
import { GIB } from '../../../src/lib/storage/room';

export class FakeDisk implements JobRoomDeps {
  free: number;
  usage = 0;
  /** The size of every reservation asked for, granted or not. */
  readonly asked: number[] = [];
  readonly held = new Set<{ bytes: number }>();

  constructor(free: number) {
    this.free = free;
  }

  async estimate() {
    return { usage: this.usage, quota: this.usage + Math.min(10, Math.max(1, Math.ceil(this.free / GIB))) * GIB };
  }

  async reserve(bytes: number): Promise<Reservation | { failedAtBytes: number }> {
    this.asked.push(bytes);
    if (bytes > this.free) return { failedAtBytes: this.free };
    this.free -= bytes;
    const disk = this;
    const held = { bytes };
    this.held.add(held);
    return {
      get bytes() {
        return held.bytes;
      },
      async shrink(by) {
        const given = Math.min(by, held.bytes);
        held.bytes -= given;
        disk.free += given;
      },
      async stillFree(bytes) {
        return bytes <= disk.free;
      },
      async release() {
        disk.free += held.bytes;
        held.bytes = 0;
        disk.held.delete(held);
      },
    };
  }

  /** Something stores `bytes`: fails, as a full disk would, when they do not fit. */
  store(bytes: number): void {
    if (bytes > this.free) throw new Error(`disk full: ${bytes} bytes do not fit in ${this.free}`);
    this.free -= bytes;
    this.usage += bytes;
  }
}
