import { describe, expect, it } from 'vitest';
import { accuracy, crossValidate, crossValidatedAccuracy, stratifiedFolds, subsetAccuracy } from '../../../src/lib/learn/evaluate';
import { singleLabelSet } from './synthetic';

const p = (...values: number[]): Float32Array => Float32Array.from(values);

describe('accuracy', () => {
  it('is exact match for single-label predictions', () => {
    const predictions = [p(0.9, 0.1), p(0.2, 0.8), p(0.6, 0.4), p(0.3, 0.7)];
    expect(accuracy(predictions, [[0], [1], [1], [1]], 'single')).toBe(0.75);
  });

  it('is per-label accuracy for multi-label predictions; subset accuracy is the strict figure', () => {
    // Task 1: predicts {0}, truth {0, 1}: 2 of 3 decisions right. Task 2: predicts {2}, truth {2}: 3 of 3.
    const predictions = [p(0.9, 0.4, 0.1), p(0.1, 0.2, 0.7)];
    const truths = [[0, 1], [2]];
    expect(accuracy(predictions, truths, 'multi')).toBeCloseTo(5 / 6);
    expect(subsetAccuracy(predictions, truths, 'multi')).toBe(0.5);
  });
});

describe('cross-validation', () => {
  it('says nothing under 10 labels', () => {
    expect(crossValidatedAccuracy(singleLabelSet(9, 2, 1), { mode: 'single', classes: 2, denseDims: 0 })).toBeNull();
  });

  it('uses fewer folds with few labels and five with many', () => {
    const spec = { mode: 'single' as const, classes: 2, denseDims: 0 };
    expect(crossValidate(singleLabelSet(12, 2, 1), spec)?.folds).toBe(2);
    expect(crossValidate(singleLabelSet(60, 2, 1), spec)?.folds).toBe(5);
  });

  it('estimates a separable task as nearly perfect, the same way for the same seed', () => {
    const examples = singleLabelSet(80, 2, 2);
    const spec = { mode: 'single' as const, classes: 2, denseDims: 0 };
    const estimate = crossValidatedAccuracy(examples, spec, 3);
    expect(estimate).toBeGreaterThanOrEqual(0.95);
    expect(crossValidatedAccuracy(examples, spec, 3)).toBe(estimate);
  });

  it('stratifies: every fold gets its share of each class', () => {
    const labels = [...Array<number[]>(40).fill([0]), ...Array<number[]>(10).fill([1])];
    const foldOf = stratifiedFolds(labels, 5, 1);
    for (let fold = 0; fold < 5; fold++) {
      const members = labels.filter((_, i) => foldOf[i] === fold);
      expect(members.filter((y) => y[0] === 1)).toHaveLength(2);
      expect(members.filter((y) => y[0] === 0)).toHaveLength(8);
    }
  });
});
