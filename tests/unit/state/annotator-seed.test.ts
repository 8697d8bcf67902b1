import { describe, expect, it } from 'vitest';
import { hidesSuggestion } from '../../../src/lib/state/annotator-seed';

const tasks = Array.from({ length: 2_000 }, (_, i) => `task-${i}`);

describe('hidesSuggestion', () => {
  it('hides about the share asked, the same tasks every time for an annotator, other tasks for another', () => {
    const hidden = (annotator: string) => tasks.filter((task) => hidesSuggestion(annotator, task, 0.1));
    const mine = hidden('ann-1');
    expect(mine.length / tasks.length).toBeGreaterThan(0.08);
    expect(mine.length / tasks.length).toBeLessThan(0.12);
    expect(hidden('ann-1')).toEqual(mine);
    const theirs = new Set(hidden('ann-2'));
    expect(mine.filter((task) => theirs.has(task)).length).toBeLessThan(mine.length / 2);
  });

  it('hides nothing at share 0 and everything at share 1', () => {
    expect(tasks.some((task) => hidesSuggestion('a', task, 0))).toBe(false);
    expect(tasks.every((task) => hidesSuggestion('a', task, 1))).toBe(true);
  });
});
