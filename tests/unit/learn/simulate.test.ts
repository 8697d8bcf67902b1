import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/learn/random';
import { SAMPLING_STRATEGIES } from '../../../src/lib/learn/sampling';
import { median, simulate, type SimulationCorpus, type StrategyResult } from '../../../src/lib/learn/simulate';
import { row, syntheticText } from './synthetic';

/**
 * Two classes, each marked by one of 15 words among shared noise: a head must see most of the 30 words to be
 * good, and uncertainty sampling finds the texts with words it has not seen yet — random order wastes labels on
 * words it already knows.
 */
function keywordCorpus(size: number, seed: number): SimulationCorpus {
  const rng = createRng(seed);
  const labels = Array.from({ length: size }, (_, i) => [i % 2]);
  return {
    rows: labels.map(([c]) => row(syntheticText([c as number], rng, { noise: 3, signal: 1, vocabulary: 15 }))),
    labels,
    classes: 2,
    mode: 'single',
    denseDims: 0,
  };
}

const meanAccuracy = (curve: [number, number][]): number => curve.reduce((sum, [, acc]) => sum + acc, 0) / curve.length;

describe('simulate', () => {
  const result = simulate(keywordCorpus(800, 1), { strategies: SAMPLING_STRATEGIES, seeds: 3, budget: 120, batch: 10 });

  it('reports the documented JSON shape', () => {
    expect(Object.keys(result)).toEqual(['full_accuracy', 'strategies']);
    expect(Object.keys(result.strategies)).toEqual([...SAMPLING_STRATEGIES]);
    for (const { labels_to_95pct, curve } of Object.values(result.strategies)) {
      expect(labels_to_95pct === null || Number.isInteger(labels_to_95pct)).toBe(true);
      expect(curve.map(([labels]) => labels)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
      expect(curve.every(([, acc]) => acc >= 0 && acc <= 1)).toBe(true);
    }
    expect(result.full_accuracy).toBeGreaterThan(0.9);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('starts every strategy from the same labels (a paired comparison)', () => {
    const firstPoints = new Set(Object.values(result.strategies).map(({ curve }) => curve[0]?.[1]));
    expect(firstPoints.size).toBe(1);
  });

  it('lets uncertainty sampling beat random order on a task with many rare cues', () => {
    const random = result.strategies['random'] as StrategyResult;
    const leastConfidence = result.strategies['least-confidence'] as StrategyResult;
    expect(meanAccuracy(leastConfidence.curve)).toBeGreaterThan(meanAccuracy(random.curve) + 0.02);
    expect(leastConfidence.labels_to_95pct ?? Infinity).toBeLessThan(random.labels_to_95pct ?? Infinity);
    expect(meanAccuracy((result.strategies['hybrid'] as StrategyResult).curve)).toBeGreaterThan(meanAccuracy(random.curve));
  });

  it('takes the median over seeds, a never-reached target counting as infinitely many labels', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, Infinity, Infinity])).toBe(Infinity);
    expect(median([10, 20, 30, Infinity])).toBe(25);
  });
});
