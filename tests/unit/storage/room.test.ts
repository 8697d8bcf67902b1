import { describe, expect, it } from 'vitest';
import { GIB, headroomBytes, judgeRoom, MB, MIN_HEADROOM_BYTES, NotEnoughRoomError, RoomGuard, type StorageFigures } from '../../../src/lib/storage/room';

describe('judgeRoom', () => {
  it('keeps the larger of 200 MB and a tenth of the quota free', () => {
    expect(headroomBytes({ usage: 0, quota: GIB })).toBe(MIN_HEADROOM_BYTES);
    expect(headroomBytes({ usage: 0, quota: 10 * GIB })).toBe(GIB);
  });

  it('is sure only where the rounded-up quota leaves no doubt, and asks for a probe in between', () => {
    // Chromium on a disk with 100 MB free reports 1 GiB: the figure alone must not let a 50 MB import start.
    expect(judgeRoom({ usage: 40 * MB, quota: 40 * MB + GIB }, 50 * MB)).toEqual({ kind: 'probe', bytes: 250 * MB });
    expect(judgeRoom({ usage: 0, quota: 10 * GIB }, 50 * MB)).toEqual({ kind: 'enough' });
    expect(judgeRoom({ usage: 900 * MB, quota: 1000 * MB }, 50 * MB)).toEqual({ kind: 'short', freeBytes: 100 * MB });
  });
});

function fakeDevice(freeBytes: number, quota = GIB) {
  const state = { usage: 0, free: freeBytes, probes: [] as number[], now: 0 };
  const guard = new RoomGuard({
    estimate: async (): Promise<StorageFigures> => ({ usage: state.usage, quota }),
    probe: async (bytes) => {
      state.probes.push(bytes);
      return bytes <= state.free ? { ok: true, wroteBytes: bytes } : { ok: false, wroteBytes: Math.floor(state.free / (4_194_304)) * 4_194_304 };
    },
    now: () => state.now,
  });
  const store = (bytes: number) => {
    state.usage += bytes;
    state.free -= bytes;
  };
  return { guard, state, store };
}

describe('RoomGuard', () => {
  it('lets a job go on while the room it probed lasts, and stops it before it eats into the headroom', async () => {
    const { guard, state, store } = fakeDevice(300 * MB);
    await guard.ensure('importing big.jsonl', 60 * MB);
    expect(state.probes).toEqual([260 * MB]);
    store(20 * MB);
    await guard.ensure('importing big.jsonl', 40 * MB);
    // 260 MB were proven free and 20 MB used since: 240 MB still cover 40 + 200 without writing the probe again.
    expect(state.probes).toHaveLength(1);
    store(40 * MB);
    state.free -= 60 * MB; // another app fills the disk meanwhile
    state.now += 61_000;
    const stopped = guard.ensure('importing big.jsonl', 20 * MB);
    await expect(stopped).rejects.toBeInstanceOf(NotEnoughRoomError);
    await expect(stopped).rejects.toThrow(/importing big\.jsonl needs about 20.0 MB, and fieldlabel keeps 200 MB free so that labels can always be saved; about 176 MB is free/);
  });

  it('needs no probe on a device the quota figure already shows roomy, and none to refuse a device that is surely full', async () => {
    const roomy = fakeDevice(50 * GIB, 10 * GIB);
    await roomy.guard.ensure('importing x', 500 * MB);
    expect(roomy.state.probes).toEqual([]);
    const full = fakeDevice(0, 150 * MB);
    expect(await full.guard.room(0)).toEqual({ ok: false, freeBytes: 150 * MB, headroomBytes: MIN_HEADROOM_BYTES });
    expect(full.state.probes).toEqual([]);
  });
});
