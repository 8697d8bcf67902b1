import { describe, expect, it } from 'vitest';
import { JobRoom } from '../../../src/lib/storage/job-room';
import { GIB, MB, NotEnoughRoomError } from '../../../src/lib/storage/room';
import { FakeDisk } from './fake-disk';

describe('JobRoom', () => {
  it('reserves the job and the headroom where the quota figure cannot tell, and gives a batch its share as it stores it', async () => {
    const disk = new FakeDisk(400 * MB);
    const room = await JobRoom.open(disk, 'importing big.jsonl', 100 * MB);
    expect(disk.asked).toEqual([300 * MB]);
    expect(disk.free).toBe(100 * MB);
    for (let batch = 0; batch < 4; batch++) {
      await room.use(25 * MB, (4 - batch) * 25 * MB);
      disk.store(25 * MB);
    }
    // The headroom is still held, so labels made now fit whatever another app does meanwhile.
    expect(disk.free).toBe(100 * MB);
    await room.close();
    expect(disk.free).toBe(300 * MB);
    expect(disk.held.size).toBe(0);
  });

  it('stops and gives everything back when another app has filled the rest of the disk meanwhile', async () => {
    const disk = new FakeDisk(400 * MB);
    const room = await JobRoom.open(disk, 'importing big.jsonl', 100 * MB);
    await room.use(50 * MB, 100 * MB);
    disk.store(50 * MB);
    disk.free = 0; // another app takes every byte outside the reservation
    const next = room.use(25 * MB, 50 * MB);
    await expect(next).rejects.toThrow('importing big.jsonl needs about 50.0 MB, and fieldlabel keeps 200 MB free so that labels can always be saved; almost nothing is free');
    // Given back: room for the job to take back what it stored, and for labels.
    expect(disk.held.size).toBe(0);
    expect(disk.free).toBe(250 * MB);
  });

  it('asks for more when the job stores more than it said, and stops before it would eat into the headroom', async () => {
    const disk = new FakeDisk(330 * MB);
    const room = await JobRoom.open(disk, 'importing big.jsonl', 100 * MB);
    await room.use(100 * MB, 100 * MB);
    disk.store(100 * MB);
    const more = room.use(40 * MB, 40 * MB);
    await expect(more).rejects.toBeInstanceOf(NotEnoughRoomError);
    await expect(more).rejects.toThrow('importing big.jsonl needs about 40.0 MB, and fieldlabel keeps 200 MB free so that labels can always be saved; about 230 MB is free');
    expect(disk.held.size).toBe(0);
  });

  it('reserves nothing on a roomy device, and refuses a surely full one without writing', async () => {
    const roomy = new FakeDisk(50 * GIB);
    const room = await JobRoom.open(roomy, 'embedding tasks', 500 * MB);
    await room.use(10 * MB, 500 * MB);
    expect(roomy.asked).toEqual([]);
    const full = new FakeDisk(0);
    full.usage = 900 * MB;
    await expect(JobRoom.open({ ...full, estimate: async () => ({ usage: 900 * MB, quota: 1000 * MB }), reserve: full.reserve.bind(full) }, 'importing x', MB)).rejects.toThrow(
      'about 100 MB is free',
    );
    expect(full.asked).toEqual([]);
  });

  it('words the browser refusing a write for want of room like any other lack of room, and leaves other errors alone', async () => {
    const room = await JobRoom.open(new FakeDisk(50 * GIB), 'importing big.jsonl', MB);
    const refused = room.explain(new DOMException('', 'QuotaExceededError'), 30 * MB);
    expect(refused).toBeInstanceOf(NotEnoughRoomError);
    expect((refused as Error).message).toContain('importing big.jsonl needs about 30.0 MB');
    // Dexie wraps the browser's error.
    expect(room.explain({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, MB)).toBeInstanceOf(NotEnoughRoomError);
    const other = new Error('The project no longer exists.');
    expect(room.explain(other, MB)).toBe(other);
  });
});
