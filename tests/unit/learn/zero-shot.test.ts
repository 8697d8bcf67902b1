import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/lib/learn/random';
import { confidenceWord } from '../../../src/lib/learn/reliability';
import type { FeatureRow } from '../../../src/lib/learn/vectors';
import {
  blend,
  blendWeight,
  DEFAULT_TEMPERATURE,
  fittedZeroShotScores,
  fitZeroShot,
  ZERO_SHOT_START,
  ZERO_SHOT_START_CEILING,
  zeroShotScores,
} from '../../../src/lib/learn/zero-shot';
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

/** A task whose cosine with label k is exactly cosines[k]: labels are the axes, the task a unit vector (no words). */
function taskWithCosines(cosines: number[]): FeatureRow {
  const rest = Math.sqrt(1 - cosines.reduce((sum, c) => sum + c * c, 0));
  return { ...row(''), dense: Float32Array.from([...cosines, rest]) };
}

function axisLabels(classes: number): FeatureRow[] {
  return Array.from({ length: classes }, (_, k) => ({ ...row(''), dense: Float32Array.from({ length: classes + 1 }, (_, j) => (j === k ? 1 : 0)) }));
}

/** Labelled tasks whose label is drawn from softmax(cosine / trueTemperature): the truth the fit should find. */
function labelledByCosines(rng: Rng, count: number, classes: number, trueTemperature: number): { tasks: FeatureRow[]; truths: number[][] } {
  const tasks: FeatureRow[] = [];
  const truths: number[][] = [];
  for (let i = 0; i < count; i++) {
    const cosines = Array.from({ length: classes }, () => 0.3 * rng());
    const exps = cosines.map((c) => Math.exp(c / trueTemperature));
    const sum = exps.reduce((a, b) => a + b, 0);
    let u = rng() * sum;
    const drawn = exps.findIndex((e) => (u -= e) < 0);
    tasks.push(taskWithCosines(cosines));
    truths.push([drawn === -1 ? classes - 1 : drawn]);
  }
  return { tasks, truths };
}

describe('the zero-shot fit', () => {
  const labels = axisLabels(3);
  const fitOn = (data: { tasks: FeatureRow[]; truths: number[][] }) => fitZeroShot(data.tasks.map((t) => zeroShotScores(t, labels)), data.truths);

  it('finds the temperature the labels were drawn with, whether the start was too bold or too timid', () => {
    for (const truth of [0.02, 0.2]) {
      const fit = fitOn(labelledByCosines(createRng(5), 3000, 3, truth));
      expect(fit.temperature / truth).toBeGreaterThan(0.85);
      expect(fit.temperature / truth).toBeLessThan(1.15);
    }
  });

  it('starts below "likely" before any label, however wide the lead, and keeps the order of the labels', () => {
    expect(fitZeroShot([], [])).toEqual(ZERO_SHOT_START);
    const scores = fittedZeroShotScores(taskWithCosines([0.9, 0.1, 0.2]), labels, ZERO_SHOT_START);
    expect(Math.max(...scores)).toBeCloseTo(ZERO_SHOT_START_CEILING, 5);
    expect(confidenceWord(Math.max(...scores))).toBe('unsure');
    expect(scores[0]).toBeGreaterThan(scores[2] as number);
    expect(scores[2]).toBeGreaterThan(scores[1] as number);
    expect([...scores].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // Below the ceiling nothing moves.
    const close = taskWithCosines([0.11, 0.1, 0.1]);
    expect([...fittedZeroShotScores(close, labels, ZERO_SHOT_START)]).toEqual([...zeroShotScores(close, labels, DEFAULT_TEMPERATURE)]);
  });

  it('lets the guess sound surer only as its record on the labels grows', () => {
    const guessedRight = (n: number) => ({ tasks: Array.from({ length: n }, () => taskWithCosines([0.3, 0, 0])), truths: Array.from({ length: n }, () => [0]) });
    expect(fitOn(guessedRight(3)).ceiling).toBeCloseTo(9 / 13, 5);
    expect(confidenceWord(fitOn(guessedRight(3)).ceiling)).toBe('unsure');
    expect(fitOn(guessedRight(10)).ceiling).toBeCloseTo(0.8, 5);
    expect(fitOn(guessedRight(40)).ceiling).toBeCloseTo(0.92, 5);
    // Guessed wrong every time: the ceiling stays at the start, and the temperature flattens the guess.
    const wrong = { tasks: guessedRight(20).tasks, truths: Array.from({ length: 20 }, () => [1]) };
    const fit = fitOn(wrong);
    expect(fit.ceiling).toBe(ZERO_SHOT_START_CEILING);
    expect(fit.temperature).toBeGreaterThan(DEFAULT_TEMPERATURE);
  });
});
