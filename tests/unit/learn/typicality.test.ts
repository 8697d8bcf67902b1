import { describe, expect, it } from 'vitest';
import { createRng, rankCandidates, type CandidatePool } from '../../../src/lib/learn/sampling';
import { typicality } from '../../../src/lib/learn/typicality';
import { cosine, type FeatureRow } from '../../../src/lib/learn/vectors';
import { row, syntheticText } from './synthetic';

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}

describe('typicality', () => {
  it('is the mean cosine similarity to every row of the pool, with and without embeddings', () => {
    const rng = createRng(4);
    const rows: FeatureRow[] = Array.from({ length: 12 }, (_, i) => ({
      ...row(syntheticText([i % 3], rng)),
      dense: i % 4 === 0 ? null : unit([rng() - 0.5, rng() - 0.5, rng() - 0.5]),
    }));
    const candidates = [0, 1, 5, 11];
    const got = typicality(rows, candidates);
    candidates.forEach((c, k) => {
      // cosine() drops a part missing on either side; the mean joined row keeps every row's parts, so compare on
      // rows that all have embeddings, or all lack them.
      const sameKind = rows.filter((r) => (r.dense === null) === (rows[c]!.dense === null));
      if (sameKind.length === rows.length) expect(got[k]).toBeCloseTo(rows.reduce((s, r) => s + cosine(rows[c]!, r), 0) / rows.length, 6);
    });
    const plain = rows.map((r) => ({ ...r, dense: null }));
    const plainGot = typicality(plain, candidates);
    candidates.forEach((c, k) => expect(plainGot[k]).toBeCloseTo(plain.reduce((s, r) => s + cosine(plain[c]!, r), 0) / plain.length, 6));
    const dense = rows.map((r, i) => ({ ...r, dense: r.dense ?? unit([1, i, 2]) }));
    const denseGot = typicality(dense, candidates);
    candidates.forEach((c, k) => expect(denseGot[k]).toBeCloseTo(dense.reduce((s, r) => s + cosine(dense[c]!, r), 0) / dense.length, 6));
  });

  it('is lowest for a row that shares nothing with the rest of the pool (it is only like itself)', () => {
    const rows = [row('apple banana'), row('apple cherry'), row('zebra')];
    const [shared, , alone] = typicality(rows, [0, 1, 2]);
    expect(shared).toBeGreaterThan(0.3);
    // "zebra" is only similar to itself: 1 / 3.
    expect(alone).toBeCloseTo(1 / 3, 6);
  });
});

describe('hybrid prefers typical texts among equally unsure ones', () => {
  it('takes the unsure text that stands for many before the odd one', () => {
    // 40 sure texts about topic 0; two unsure texts: one on topic 0 (typical), one on a word nothing else has.
    const pool: CandidatePool = { ids: [], probs: [], vectors: [] };
    const rng = createRng(9);
    for (let i = 0; i < 40; i++) {
      pool.ids.push(i);
      pool.probs.push(Float32Array.of(0.99, 0.01));
      pool.vectors?.push(row(syntheticText([0], rng)));
    }
    pool.ids.push(100, 101);
    pool.probs.push(Float32Array.of(0.5, 0.5), Float32Array.of(0.5, 0.5));
    pool.vectors?.push(row('qqq zzz xxx'), row(syntheticText([0], rng)));
    // One uncertain pick and no random share in a batch of one: the typical unsure text, though listed second.
    expect(rankCandidates('hybrid', pool, 1, createRng(1))).toEqual([101]);
    expect(rankCandidates('margin', pool, 1, createRng(1))).toEqual([100]);
  });
});
