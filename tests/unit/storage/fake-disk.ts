// A disk for storage tests: the free bytes are the test's to set, and the quota figure reads the way Chromium's does
// (the usage plus the room left rounded up to a whole GiB, at most 10 GiB; a disk with nothing left reads as none).
import type { JobRoomDeps } from '../../../src/lib/storage/job-room';
import { GIB } from '../../../src/lib/storage/room';

export class FakeDisk implements JobRoomDeps {
  free: number;
  usage = 0;
  asked = 0;

  constructor(free: number) {
    this.free = free;
  }

  async estimate() {
    this.asked++;
    return { usage: this.usage, quota: this.usage + Math.min(10, Math.max(0, Math.ceil(this.free / GIB))) * GIB };
  }

  /** Something stores `bytes`. */
  store(bytes: number): void {
    this.free -= bytes;
    this.usage += bytes;
  }
}
