import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_BITS, HASH_SIZE, hashedFeatures, type SparseVector } from '../../../src/lib/learn/features';

function norm(v: SparseVector): number {
  return Math.sqrt(v.values.reduce((sum, x) => sum + x * x, 0));
}

function isStrictlySorted(indices: Uint32Array): boolean {
  return indices.every((index, i) => i === 0 || index > (indices[i - 1] as number));
}

describe('hashedFeatures', () => {
  it('gives the same buckets and weights for a fixed text on every run and machine', () => {
    // 3 unigrams ("spam" twice: weight log 3 against log 2) + 3 bigrams, lower-cased, punctuation dropped.
    const v = hashedFeatures('Spam, spam and eggs');
    expect(HASH_BITS).toBe(18);
    expect([...v.indices]).toEqual([1543, 166369, 212733, 214384, 219023, 248484]);
    expect([...v.values].map((x) => Number(x.toFixed(6)))).toEqual([0.364854, 0.364854, 0.57828, 0.364854, 0.364854, 0.364854]);
  });

  it('is case-insensitive and ignores punctuation', () => {
    expect(hashedFeatures('Hello, WORLD!')).toEqual(hashedFeatures('hello world'));
  });

  it('reads letters and digits of any script as words', () => {
    const v = hashedFeatures('Café naïve Überraschung 2024');
    expect(v.indices.length).toBe(4 + 3);
    expect(hashedFeatures('!!! ... ---').indices.length).toBe(0);
  });

  it('adds character n-grams only when asked', () => {
    const words = hashedFeatures('naïve café');
    const withChars = hashedFeatures('naïve café', { charNgrams: true });
    expect(withChars.indices.length).toBeGreaterThan(words.indices.length);
    expect(norm(withChars)).toBeCloseTo(1, 5);
  });

  it('is always sorted, in range, and of unit length (or empty)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.boolean(), (text, charNgrams) => {
        const v = hashedFeatures(text, { charNgrams });
        expect(v.indices.length).toBe(v.values.length);
        expect(isStrictlySorted(v.indices)).toBe(true);
        expect(v.indices.every((i) => i < HASH_SIZE)).toBe(true);
        if (v.indices.length > 0) expect(norm(v)).toBeCloseTo(1, 5);
      }),
      { numRuns: 300 },
    );
  });
});
