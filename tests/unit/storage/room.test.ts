import { describe, expect, it } from 'vitest';
import { GIB, headroomBytes, isStorageLow, judgeRoom, MB, MIN_HEADROOM_BYTES, NotEnoughRoomError } from '../../../src/lib/storage/room';

describe('judgeRoom', () => {
  it('keeps the larger of 200 MB and a tenth of the quota free', () => {
    expect(headroomBytes({ usage: 0, quota: GIB })).toBe(MIN_HEADROOM_BYTES);
    expect(headroomBytes({ usage: 0, quota: 10 * GIB })).toBe(GIB);
  });

  it('lets a job start only where the rounded-up figure leaves no doubt', () => {
    // Chromium on a disk with 100 MB free reports 1 GiB: the figure alone must not let a 50 MB import start.
    expect(judgeRoom({ usage: 40 * MB, quota: 40 * MB + GIB }, 50 * MB)).toEqual({ ok: false, freeAtMost: GIB, headroom: MIN_HEADROOM_BYTES });
    // Two GiB read means more than one is surely left.
    expect(judgeRoom({ usage: 40 * MB, quota: 40 * MB + 2 * GIB }, 50 * MB)).toEqual({ ok: true });
    expect(judgeRoom({ usage: 0, quota: 2 * GIB }, 900 * MB)).toMatchObject({ ok: false });
  });

  it('takes a job no bigger than a day of labels wherever labels are taken', () => {
    expect(judgeRoom({ usage: 0, quota: GIB }, 10_000)).toEqual({ ok: true });
    expect(judgeRoom({ usage: 0, quota: 150 * MB }, 10_000)).toMatchObject({ ok: false, freeAtMost: 150 * MB });
  });

  it('calls storage low where the figure cannot promise the headroom', () => {
    expect(isStorageLow({ usage: 0, quota: GIB })).toBe(true);
    expect(isStorageLow({ usage: 5 * GIB, quota: 7 * GIB })).toBe(false);
  });

  it('says what the job needs, what is kept, and why the app cannot be sure', () => {
    expect(new NotEnoughRoomError('importing big.jsonl', 63 * MB, 200 * MB, GIB).message).toBe(
      'Not enough free storage on this device: importing big.jsonl needs about 63.0 MB, and fieldlabel keeps 200 MB free so that labels can always be saved; ' +
        'this device has at most 1.1 GB left for it (the browser tells apps the room left only in whole GB, rounded up). ' +
        "Free some space on the device (other apps' files, or projects you have exported) and try again.",
    );
  });
});
