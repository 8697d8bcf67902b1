import { describe, expect, it } from 'vitest';
import { runOnceMore } from '../../../src/lib/state/run-once-more';

describe('runOnceMore', () => {
  it('runs calls made during a run once more afterwards, together', async () => {
    const finish: (() => void)[] = [];
    let runs = 0;
    const open = runOnceMore(() => {
      runs++;
      return new Promise<void>((resolve) => finish.push(resolve));
    });
    const first = open();
    const second = open();
    const third = open();
    expect(runs).toBe(1);
    expect(second).toBe(third);
    finish[0]!();
    await first;
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toBe(2);
    finish[1]!();
    await second;
    const later = open();
    expect(runs).toBe(3);
    finish[2]!();
    await later;
  });

  it('still runs again after a run that failed', async () => {
    let runs = 0;
    const open = runOnceMore(async () => {
      runs++;
      if (runs === 1) throw new Error('worker gone');
    });
    const first = open();
    const second = open();
    await expect(first).rejects.toThrow('worker gone');
    await second;
    expect(runs).toBe(2);
  });
});
