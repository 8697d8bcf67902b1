import { describe, expect, it } from 'vitest';
import { JobRoom } from '../../../src/lib/storage/job-room';
import { GIB, MB, NotEnoughRoomError } from '../../../src/lib/storage/room';
import { FakeDisk } from './fake-disk';

describe('JobRoom', () => {
  it('asks the figure before every batch, and stops the job before it would eat into the headroom', async () => {
    const disk = new FakeDisk(1.5 * GIB);
    const room = await JobRoom.open(disk, 'importing big.jsonl', 300 * MB);
    await room.use(300 * MB);
    disk.store(600 * MB); // the job stores more than it said, and the figure drops to 1 GiB
    const next = room.use(100 * MB);
    await expect(next).rejects.toBeInstanceOf(NotEnoughRoomError);
    await expect(next).rejects.toThrow('importing big.jsonl needs about 100 MB');
    expect(disk.asked).toBe(3);
  });

  it('refuses to start where the figure cannot promise the room, and writes nothing to find out', async () => {
    const disk = new FakeDisk(600 * MB);
    await expect(JobRoom.open(disk, 'importing big.jsonl', 63 * MB)).rejects.toThrow('this device has at most 1.1 GB left for it');
  });

  it('words the browser refusing a write for want of room like any other lack of room, and leaves other errors alone', async () => {
    const room = await JobRoom.open(new FakeDisk(50 * GIB), 'importing big.jsonl', MB);
    const refused = room.explain(new DOMException('', 'QuotaExceededError'), 30 * MB);
    expect(refused).toBeInstanceOf(NotEnoughRoomError);
    expect((refused as Error).message).toContain('importing big.jsonl needs about 30.0 MB');
    expect((refused as Error).message).toContain('the browser refused to store more');
    // Dexie wraps the browser's error.
    expect(room.explain({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, MB)).toBeInstanceOf(NotEnoughRoomError);
    const other = new Error('The project no longer exists.');
    expect(room.explain(other, MB)).toBe(other);
  });
});
