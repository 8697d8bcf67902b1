import { describe, expect, it } from 'vitest';
import { hashedFeatures } from '../../../../src/lib/learn/features';
import { differenceRow, responseRow, sumRow } from '../../../../src/lib/learn/reward/pair-rows';
import { sparseDot } from '../../../../src/lib/learn/vectors';

describe('responseRow', () => {
  it('is the response alone when it shares no word with the prompt', () => {
    const response = hashedFeatures('the pump works again');
    expect(responseRow(hashedFeatures('unrelated question'), response).sparse).toBe(response);
  });

  it('adds echo buckets for the words it shares with the prompt, and only for them', () => {
    const prompt = hashedFeatures('why does the pump leak');
    const echoing = responseRow(prompt, hashedFeatures('the pump leaks at the valve'));
    const plain = hashedFeatures('the pump leaks at the valve');
    const added = [...echoing.sparse.indices].filter((i) => !plain.indices.includes(i));
    // Shared: "the", "pump" and the bigram "the pump" ("pump leak" and "pump leaks" differ): three echo buckets.
    expect(added).toHaveLength(3);
    expect([...echoing.sparse.indices]).toEqual([...echoing.sparse.indices].sort((a, b) => a - b));
  });

  it('keeps the embedding', () => {
    const embedding = Float32Array.of(0.6, 0.8);
    expect(responseRow(hashedFeatures('q'), hashedFeatures('a'), embedding).dense).toBe(embedding);
  });
});

describe('differenceRow and sumRow', () => {
  const a = { sparse: hashedFeatures('clear helpful answer'), dense: Float32Array.of(1, 0) };
  const b = { sparse: hashedFeatures('vague answer'), dense: Float32Array.of(0, 1) };

  it('a − b dotted with anything is a·x − b·x; a shared identical bucket drops out', () => {
    const probe = hashedFeatures('clear vague answer helpful');
    const d = differenceRow(a, b);
    expect(sparseDot(d.sparse, probe)).toBeCloseTo(sparseDot(a.sparse, probe) - sparseDot(b.sparse, probe), 6);
    expect([...d.dense!]).toEqual([1, -1]);
    const same = differenceRow(a, a);
    expect(same.sparse.indices).toHaveLength(0);
  });

  it('a + b does not depend on the order, and an embedding only one side has is left out', () => {
    expect(sumRow(a, b)).toEqual(sumRow(b, a));
    expect(differenceRow(a, { ...b, dense: null }).dense).toBeNull();
  });
});
