import { describe, expect, it } from 'vitest';
import { buildProblem } from '../../../src/lib/learn/head-problem';
import { solveSoftmaxDual } from '../../../src/lib/learn/softmax-dual';
import { createRng } from '../../../src/lib/learn/random';
import { headObjective } from './primal-objective';
import { singleLabelSet } from './synthetic';

const TOLERANCE = 1e-4;

function gradientNorm(objective: ReturnType<typeof headObjective>, theta: Float64Array): number {
  const gradient = new Float64Array(theta.length);
  objective(theta, gradient);
  return Math.hypot(...gradient);
}

/** A single-label problem of `classes` classes whose rows also carry a seeded 8-dim unit embedding. */
function problemOf(classes: number, count: number, seed: number) {
  const rng = createRng(seed);
  const examples = singleLabelSet(count, classes, seed).map((e) => {
    const dense = Float32Array.from({ length: 8 }, () => rng() * 2 - 1);
    const norm = Math.hypot(...dense);
    return { ...e, x: { ...e.x, dense: dense.map((v) => v / norm) } };
  });
  const targets = Int32Array.from(examples, (e) => e.y[0] as number);
  return buildProblem(examples.map((e) => e.x), 'single', classes, 8, targets, new Float64Array(count).fill(1), 0.1);
}

describe('solveSoftmaxDual', () => {
  it.each([3, 4, 10])('stops where the primal gradient (computed directly) is within the tolerance (%i classes)', (classes) => {
    const p = problemOf(classes, 200, classes);
    const objective = headObjective(p);
    const theta = new Float64Array(p.classes * p.width);
    const atZero = gradientNorm(objective, theta);
    const result = solveSoftmaxDual(p, theta, TOLERANCE, 1000);
    expect(result.converged).toBe(true);
    expect(gradientNorm(objective, theta)).toBeLessThanOrEqual(TOLERANCE * atZero);
  });

  it('reaches the same optimum from a warm start as from zero, in fewer passes', () => {
    const p = problemOf(4, 200, 11);
    const cold = new Float64Array(p.classes * p.width);
    const coldResult = solveSoftmaxDual(p, cold, 1e-8, 1000);
    const warm = cold.map((v) => v * 0.9);
    const warmResult = solveSoftmaxDual(p, warm, 1e-8, 1000);
    expect(warmResult.converged).toBe(true);
    expect(warmResult.epochs).toBeLessThan(coldResult.epochs);
    for (let j = 0; j < cold.length; j++) expect(warm[j]).toBeCloseTo(cold[j] as number, 5);
  });
});
