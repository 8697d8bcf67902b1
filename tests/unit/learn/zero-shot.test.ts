import { describe, expect, it } from 'vitest';
import { blend, blendWeight, zeroShotScores } from '../../../src/lib/learn/zero-shot';
import { row } from './synthetic';

describe('zero-shot scores', () => {
  it('prefers the label whose name and description share words with the task', () => {
    const labels = [row('invoice payment billing'), row('bug crash error')];
    const scores = zeroShotScores(row('the app shows an error and a crash on start'), labels);
    expect(scores[1]).toBeGreaterThan(0.9);
    expect((scores[0] as number) + (scores[1] as number)).toBeCloseTo(1, 5);
  });

  it('is uniform when nothing is shared (hashed features only): an honest "no idea"', () => {
    const scores = zeroShotScores(row('completely unrelated words'), [row('alpha'), row('beta'), row('gamma')]);
    expect([...scores].map((s) => s.toFixed(4))).toEqual(['0.3333', '0.3333', '0.3333']);
  });

  it('uses the embedding when there is one', () => {
    const task = { ...row('x'), dense: Float32Array.of(1, 0) };
    const labels = [{ ...row('y'), dense: Float32Array.of(0, 1) }, { ...row('z'), dense: Float32Array.of(1, 0) }];
    expect(zeroShotScores(task, labels)[1]).toBeGreaterThan(0.99);
  });

  it('fades as labels accumulate', () => {
    expect(blendWeight(0)).toBe(1);
    expect(blendWeight(10)).toBe(0.5);
    expect(blendWeight(90)).toBeCloseTo(0.1);
    expect([...blend(Float32Array.of(1, 0), Float32Array.of(0, 1), 0.25)]).toEqual([0.25, 0.75]);
  });
});
