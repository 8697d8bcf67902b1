import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenPaused } from '../../../src/lib/state/when-paused';

describe('whenPaused', () => {
  afterEach(() => vi.useRealTimers());

  it('runs once for a burst of calls, after the pause, and resolves every call then', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const refresh = whenPaused(() => runs++, 250);
    const first = refresh();
    vi.advanceTimersByTime(200);
    const second = refresh();
    vi.advanceTimersByTime(200);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(50);
    expect(runs).toBe(1);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    const third = refresh();
    vi.advanceTimersByTime(250);
    await third;
    expect(runs).toBe(2);
  });
});
