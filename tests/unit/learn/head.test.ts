import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_SIZE } from '../../../src/lib/learn/features';
import { DEFAULT_SOFTMAX_TOLERANCE, DEFAULT_TOLERANCE, predict, predictAll, trainHead, type HeadSpec, type TrainingExample } from '../../../src/lib/learn/head';
import { createRng } from '../../../src/lib/learn/random';
import { multiLabelSet, row, singleLabelSet, syntheticText } from './synthetic';

/** Comparing 2^18-element arrays element by element is slow in expect(); their bytes say the same. */
function bytesOf(array: Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function singleAccuracy(weights: ReturnType<typeof trainHead>['weights'], test: TrainingExample[]): number {
  let right = 0;
  for (const { x, y } of test) {
    const p = predict(weights, x);
    if (p.indexOf(Math.max(...p)) === y[0]) right++;
  }
  return right / test.length;
}

describe('trainHead, single-label', () => {
  it.each([2, 3])('separates %i synthetic classes with at least 95 percent held-out accuracy, converged', (classes) => {
    const train = singleLabelSet(150, classes, 1);
    const test = singleLabelSet(300, classes, 2);
    const result = trainHead(train, { mode: 'single', classes, denseDims: 0 });
    expect(result.converged).toBe(true);
    expect(singleAccuracy(result.weights, test)).toBeGreaterThanOrEqual(0.95);
  });

  // The app retrains after each new label, so the warm start it sees is "the optimum for all labels but one or two".
  it.each([2, 3])('converges in fewer epochs from a warm start (%i classes)', (classes) => {
    const all = singleLabelSet(152, classes, 3);
    const spec: HeadSpec = { mode: 'single', classes, denseDims: 0 };
    const before = trainHead(all.slice(0, 150), spec);
    const cold = trainHead(all, spec);
    const warm = trainHead(all, { ...spec, warmStart: before.weights });
    expect(warm.converged).toBe(true);
    expect(warm.epochs).toBeLessThan(cold.epochs);
    // Same optimum either way: the objective is strictly convex.
    const x = all[0]?.x as TrainingExample['x'];
    expect(predict(warm.weights, x)[0]).toBeCloseTo(predict(cold.weights, x)[0] as number, 3);
  });

  it('gives the same weights for the same labels (no hidden randomness)', () => {
    const train = singleLabelSet(60, 3, 4);
    const a = trainHead(train, { mode: 'single', classes: 3, denseDims: 0 });
    const b = trainHead(train, { mode: 'single', classes: 3, denseDims: 0 });
    expect(a.weights.perClass.map(bytesOf)).toEqual(b.weights.perClass.map(bytesOf));
  });

  it('stops three or more classes at the softmax tolerance and two at the two-class one, unless told', () => {
    for (const [classes, tolerance] of [
      [3, DEFAULT_SOFTMAX_TOLERANCE],
      [2, DEFAULT_TOLERANCE],
    ] as const) {
      const train = singleLabelSet(60, classes, 6);
      const spec: HeadSpec = { mode: 'single', classes, denseDims: 0 };
      const byDefault = trainHead(train, spec).weights.perClass.map(bytesOf);
      expect(byDefault).toEqual(trainHead(train, { ...spec, tolerance }).weights.perClass.map(bytesOf));
      expect(byDefault).not.toEqual(trainHead(train, { ...spec, tolerance: tolerance / 10 }).weights.perClass.map(bytesOf));
    }
  });

  it('recalls more of a rare class with class balancing than without', () => {
    // A 5 % minority marked by one word among 20 noise words: unweighted, the head nearly always says "majority".
    const rng = createRng(5);
    const make = (n: number): TrainingExample[] =>
      Array.from({ length: n }, (_, i) => {
        const c = i % 20 === 0 ? 1 : 0;
        return { x: row(syntheticText([c], rng, { noise: 20, signal: 1, vocabulary: 1 })), y: [c] };
      });
    const train = make(400);
    const test = make(2000).filter((e) => e.y[0] === 1);
    const recall = (balance: boolean): number => {
      const { weights } = trainHead(train, { mode: 'single', classes: 2, denseDims: 0, balance });
      return test.filter((e) => (predict(weights, e.x)[1] as number) > 0.5).length / test.length;
    };
    expect(recall(false)).toBeLessThan(0.1);
    expect(recall(true)).toBeGreaterThan(0.5);
  });

  it('predicts probabilities that sum to 1', () => {
    const { weights } = trainHead(singleLabelSet(60, 3, 6), { mode: 'single', classes: 3, denseDims: 0 });
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const p = predict(weights, row(text));
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('uses a dense embedding part alongside the hashed one', () => {
    // Texts say nothing; only the dense vector tells the classes apart.
    const examples: TrainingExample[] = Array.from({ length: 40 }, (_, i) => {
      const c = i % 2;
      const dense = Float32Array.of(c === 0 ? 1 : 0, c === 0 ? 0 : 1, 0, 0);
      return { x: { sparse: row('same words').sparse, dense }, y: [c] };
    });
    const { weights } = trainHead(examples, { mode: 'single', classes: 2, denseDims: 4 });
    expect(weights.perClass[0]?.length).toBe(HASH_SIZE + 4 + 1);
    expect(predict(weights, examples[0]?.x as TrainingExample['x'])[0]).toBeGreaterThan(0.6);
    expect(predict(weights, examples[1]?.x as TrainingExample['x'])[1]).toBeGreaterThan(0.6);
  });

  it('produces weights that survive a structured clone (worker ↔ page)', () => {
    const { weights } = trainHead(singleLabelSet(20, 2, 7), { mode: 'single', classes: 2, denseDims: 0 });
    const copy = structuredClone(weights);
    expect({ ...copy, perClass: copy.perClass.map(bytesOf) }).toEqual({ ...weights, perClass: weights.perClass.map(bytesOf) });
  });

  it('names a class out of range', () => {
    expect(() => trainHead([{ x: row('a'), y: [3] }], { mode: 'single', classes: 2, denseDims: 0 })).toThrow('Example 0: class 3 is not in 0..1.');
  });
});

describe('trainHead, multi-label', () => {
  it('reaches at least 95 % per-label accuracy on a separable set, converged', () => {
    const train = multiLabelSet(200, 4, 8);
    const test = multiLabelSet(300, 4, 9);
    const result = trainHead(train, { mode: 'multi', classes: 4, denseDims: 0 });
    expect(result.converged).toBe(true);
    let right = 0;
    for (const { x, y } of test) {
      const p = predict(result.weights, x);
      for (let c = 0; c < 4; c++) if (((p[c] as number) >= 0.5) === y.includes(c)) right++;
    }
    expect(right / (test.length * 4)).toBeGreaterThanOrEqual(0.95);
  });

  it('converges in fewer epochs from a warm start', () => {
    const all = multiLabelSet(152, 3, 10);
    const spec: HeadSpec = { mode: 'multi', classes: 3, denseDims: 0 };
    const before = trainHead(all.slice(0, 150), spec);
    const cold = trainHead(all, spec);
    const warm = trainHead(all, { ...spec, warmStart: before.weights });
    expect(warm.converged).toBe(true);
    expect(warm.epochs).toBeLessThan(cold.epochs);
  });
});

describe('predictAll', () => {
  it('gives every row the probabilities predict gives it, one row after another', () => {
    for (const [mode, examples] of [
      ['single', singleLabelSet(60, 3, 21)],
      ['multi', multiLabelSet(60, 3, 22)],
    ] as const) {
      const { weights } = trainHead(examples, { mode, classes: 3, denseDims: 0 });
      const rows = examples.map((e) => e.x);
      const all = predictAll(weights, rows);
      expect(all).toHaveLength(rows.length * 3);
      rows.forEach((x, i) => {
        const one = predict(weights, x);
        for (let c = 0; c < 3; c++) expect(all[i * 3 + c]).toBeCloseTo(one[c] as number, 6);
      });
    }
  });

  it('agrees with predict on rows with an embedding too (re-scoring takes logits relative to the first class)', () => {
    const rng = createRng(23);
    const unit = () => {
      const v = Float32Array.from({ length: 16 }, () => rng() * 2 - 1);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    for (const classes of [2, 4, 10]) {
      const examples = singleLabelSet(80, classes, 24).map((e) => ({ ...e, x: { ...e.x, dense: unit() } }));
      const { weights } = trainHead(examples, { mode: 'single', classes, denseDims: 16 });
      const rows = examples.map((e) => e.x);
      const all = predictAll(weights, rows);
      rows.forEach((x, i) => {
        const one = predict(weights, x);
        for (let c = 0; c < classes; c++) expect(all[i * classes + c]).toBeCloseTo(one[c] as number, 6);
      });
    }
  });
});
