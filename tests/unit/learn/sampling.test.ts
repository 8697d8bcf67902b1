import { describe, expect, it } from 'vitest';
import { createRng, HYBRID_RANDOM_SHARE, rankCandidates, uncertainty, type CandidatePool } from '../../../src/lib/learn/sampling';
import { row, syntheticText } from './synthetic';

// Hand-made probabilities over three classes; the expected orders below follow from the definitions:
//   id  probs              1 − max p   p1 − p2   entropy
//   1   .50 .25 .25        .50         .25       1.040
//   2   .45 .45 .10        .55         0         0.949
//   3   .60 .20 .20        .40         .40       0.950
//   4   .90 .05 .05        .10         .85       0.394
//   5   .50 .45 .05        .50         .05       0.856
const table: CandidatePool = {
  ids: [1, 2, 3, 4, 5],
  probs: [
    [0.5, 0.25, 0.25],
    [0.45, 0.45, 0.1],
    [0.6, 0.2, 0.2],
    [0.9, 0.05, 0.05],
    [0.5, 0.45, 0.05],
  ].map((p) => Float32Array.from(p)),
};

describe('rankCandidates on a hand-made probability table', () => {
  it('sequential keeps pool order', () => {
    expect(rankCandidates('sequential', table, 3, createRng(1))).toEqual([1, 2, 3]);
  });

  it('least-confidence puts the lowest top probability first (ties keep pool order)', () => {
    expect(rankCandidates('least-confidence', table, 5, createRng(1))).toEqual([2, 1, 5, 3, 4]);
  });

  it('margin puts the smallest gap between the top two first', () => {
    expect(rankCandidates('margin', table, 5, createRng(1))).toEqual([2, 5, 1, 3, 4]);
  });

  it('entropy puts the flattest distribution first', () => {
    expect(rankCandidates('entropy', table, 5, createRng(1))).toEqual([1, 3, 2, 5, 4]);
  });

  it('random is a seeded shuffle: same seed, same picks', () => {
    const a = rankCandidates('random', table, 3, createRng(7));
    expect(a).toEqual(rankCandidates('random', table, 3, createRng(7)));
    expect(new Set(a).size).toBe(3);
    const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => rankCandidates('random', table, 5, createRng(seed)).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('never returns more than the pool holds', () => {
    expect(rankCandidates('entropy', table, 10, createRng(1))).toHaveLength(5);
  });

  it('judges multi-label probabilities class by class', () => {
    // Per-class yes/no: 0.5 is the least sure answer, 0.99 and 0.01 are both sure.
    expect(uncertainty('least-confidence', Float32Array.of(0.5, 0.5), true)).toBeCloseTo(0.5);
    expect(uncertainty('least-confidence', Float32Array.of(0.99, 0.01), true)).toBeCloseTo(0.01);
    const pool: CandidatePool = { ids: [1, 2], probs: [Float32Array.of(0.99, 0.01), Float32Array.of(0.6, 0.5)], multiLabel: true };
    expect(rankCandidates('margin', pool, 2, createRng(1))).toEqual([2, 1]);
  });
});

describe('hybrid sampling', () => {
  // Three topics of 30 uncertain texts each, the most uncertain all in topic 0, plus 200 sure texts. Hybrid clusters
  // the 80 most uncertain (8 uncertain picks × 10), so the sure texts can only come in through the random share.
  const topicOf = new Map<number, number>();
  const pool: CandidatePool = { ids: [], probs: [], vectors: [] };
  const rng = createRng(3);
  for (let i = 0; i < 290; i++) {
    const uncertain = i < 90;
    const topic = uncertain ? Math.floor(i / 30) : 3;
    topicOf.set(i, topic);
    pool.ids.push(i);
    // Topic 0 is nearest 0.5, then topic 1, then topic 2; the sure texts are at 0.99.
    const p = uncertain ? 0.5 + 0.01 * topic + 0.0001 * (i % 30) : 0.99;
    pool.probs.push(Float32Array.of(p, 1 - p));
    pool.vectors?.push(row(syntheticText([topic], rng, { noise: 2, signal: 6, vocabulary: 4 })));
  }

  it('spreads its uncertain picks over the clusters where plain uncertainty takes one', () => {
    const margin = rankCandidates('margin', pool, 10, createRng(1));
    expect(new Set(margin.map((id) => topicOf.get(id))).size).toBe(1);
    const picks = rankCandidates('hybrid', pool, 10, createRng(1));
    const uncertainTopics = new Set(picks.map((id) => topicOf.get(id)).filter((t) => t !== 3));
    expect(uncertainTopics.size).toBe(3);
  });

  it(`mixes in ${HYBRID_RANDOM_SHARE * 100} % random picks, reproducibly`, () => {
    const picks = rankCandidates('hybrid', pool, 10, createRng(1));
    expect(picks).toEqual(rankCandidates('hybrid', pool, 10, createRng(1)));
    expect(new Set(picks).size).toBe(10);
    // Two random picks per batch of ten, drawn from the rest of the pool (mostly sure texts) and placed 5th and 10th.
    for (const seed of [1, 2, 3, 4, 5]) {
      const batch = rankCandidates('hybrid', pool, 10, createRng(seed));
      const sure = batch.filter((id) => topicOf.get(id) === 3);
      expect(sure.length).toBeLessThanOrEqual(10 * HYBRID_RANDOM_SHARE);
      expect(batch.slice(0, 4).every((id) => topicOf.get(id) !== 3)).toBe(true);
    }
    const sure = [1, 2, 3, 4, 5].flatMap((seed) => rankCandidates('hybrid', pool, 10, createRng(seed))).filter((id) => topicOf.get(id) === 3);
    expect(sure.length).toBeGreaterThanOrEqual(3);
  });

  it('still works without vectors (uncertainty plus random picks)', () => {
    const { vectors: _, ...bare } = pool;
    expect(rankCandidates('hybrid', bare, 10, createRng(1))).toHaveLength(10);
  });
});
