import { describe, expect, it } from 'vitest';
import { clusterRows } from '../../../src/lib/learn/clustering';
import { HASH_SIZE } from '../../../src/lib/learn/features';
import { createRng } from '../../../src/lib/learn/random';
import type { FeatureRow } from '../../../src/lib/learn/vectors';
import { row, syntheticText } from './synthetic';

/** 15 texts per topic, topics in turn, each marked by its own words among shared noise. */
function topicRows(topics: number, seed: number): { rows: FeatureRow[]; topicOf: number[] } {
  const rng = createRng(seed);
  const topicOf = Array.from({ length: topics * 15 }, (_, i) => i % topics);
  return { rows: topicOf.map((t) => row(syntheticText([t], rng, { noise: 2, signal: 6, vocabulary: 4 }))), topicOf };
}

/** Whether the clusters are the topics, up to their numbering. */
function sameGroups(assignment: Int32Array, topicOf: number[]): boolean {
  const clusterOfTopic = new Map<number, number>();
  const topicOfCluster = new Map<number, number>();
  return topicOf.every((t, r) => {
    const c = assignment[r] as number;
    if ((clusterOfTopic.get(t) ?? c) !== c || (topicOfCluster.get(c) ?? t) !== t) return false;
    clusterOfTopic.set(t, c);
    topicOfCluster.set(c, t);
    return true;
  });
}

describe('clusterRows', () => {
  it('finds the topics of hashed texts', () => {
    const { rows, topicOf } = topicRows(4, 2);
    expect(sameGroups(clusterRows(rows, 4, createRng(1)), topicOf)).toBe(true);
  });

  it('is reproducible for one rng seed', () => {
    const { rows } = topicRows(3, 5);
    expect([...clusterRows(rows, 6, createRng(9))]).toEqual([...clusterRows(rows, 6, createRng(9))]);
  });

  it('clusters by the embedding when the texts share their words', () => {
    const text = row('the same words in every text');
    const topicOf = Array.from({ length: 30 }, (_, i) => i % 3);
    const rows = topicOf.map((t, i) => ({ ...text, dense: Float32Array.from([0, 1, 2], (d) => (d === t ? 0.99 : 0.1 + 0.001 * i)) }));
    expect(sameGroups(clusterRows(rows, 3, createRng(4)), topicOf)).toBe(true);
  });

  it('uses buckets anywhere in the hashed space, the last one included', () => {
    // Two kinds of row, on the first and the last bucket: renumbering the buckets must keep them apart.
    const at = (bucket: number): FeatureRow => ({ sparse: { indices: Uint32Array.of(bucket), values: Float32Array.of(1) }, dense: null });
    const rows = [at(0), at(HASH_SIZE - 1), at(0), at(HASH_SIZE - 1)];
    const assignment = clusterRows(rows, 2, createRng(1));
    expect(assignment[0]).toBe(assignment[2]);
    expect(assignment[1]).toBe(assignment[3]);
    expect(assignment[0]).not.toBe(assignment[1]);
  });

  it('gives every row cluster 0 when asked for one cluster or given no rows', () => {
    const { rows } = topicRows(2, 1);
    expect([...clusterRows(rows, 1, createRng(1))].every((c) => c === 0)).toBe(true);
    expect(clusterRows([], 3, createRng(1))).toHaveLength(0);
  });
});
