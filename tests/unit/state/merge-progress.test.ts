import { describe, expect, it } from 'vitest';
import { mergeProgress, timeLeftText } from '../../../src/lib/state/merge-progress';

describe('mergeProgress', () => {
  it('estimates the time left from the pace so far', () => {
    // A quarter done in 30 s: three quarters more take 90 s.
    expect(mergeProgress('applying', 250_000, 1_000_000, 0, 30_000)).toEqual({ phase: 'applying', done: 250_000, total: 1_000_000, secondsLeft: 90 });
  });

  it('knows no time left before anything is done, and none left at the end', () => {
    expect(mergeProgress('reading', 0, 100, 0, 5_000).secondsLeft).toBeNull();
    expect(mergeProgress('reading', 100, 100, 0, 5_000).secondsLeft).toBe(0);
  });
});

describe('timeLeftText', () => {
  it('says minutes for long waits, seconds in fives for short ones', () => {
    expect(timeLeftText(null)).toBe('');
    expect(timeLeftText(2)).toBe('a few seconds left');
    expect(timeLeftText(42)).toBe('about 40 s left');
    expect(timeLeftText(150)).toBe('about 3 min left');
  });
});
