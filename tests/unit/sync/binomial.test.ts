// The exact two-sided binomial test against values computed exactly by hand (sums of binomial coefficients over
// 2ⁿ) and scipy.stats.binomtest's behaviour for an asymmetric p.
import { describe, expect, it } from 'vitest';
import { binomialMixtureTestTwoSided, binomialTestTwoSided } from '../../../src/lib/sync/binomial';
import { enumeratedPValue } from './enumerated-p-value';

describe('binomialTestTwoSided', () => {
  it('7 of 10 against 0.5: 2·(C(10,7) + C(10,8) + C(10,9) + C(10,10)) / 2¹⁰ = 2·176/1024 = 0.34375', () => {
    expect(binomialTestTwoSided(7, 10)).toBeCloseTo(352 / 1024, 14);
    expect(binomialTestTwoSided(3, 10)).toBeCloseTo(352 / 1024, 14);
  });

  it('15 of 20: 2·(15504 + 4845 + 1140 + 190 + 20 + 1) / 2²⁰ = 43400/1048576; 0 of 10: 2/1024', () => {
    expect(binomialTestTwoSided(15, 20)).toBeCloseTo(43400 / 1048576, 14);
    expect(binomialTestTwoSided(0, 10)).toBeCloseTo(2 / 1024, 16);
    expect(binomialTestTwoSided(10, 10)).toBeCloseTo(2 / 1024, 16);
  });

  it('is 1 at the middle (capped, as scipy caps it), and null with no trials', () => {
    expect(binomialTestTwoSided(5, 10)).toBe(1);
    expect(binomialTestTwoSided(1, 1)).toBe(1);
    expect(binomialTestTwoSided(0, 0)).toBeNull();
  });

  it('stays exact for a large n: 60 of 100 is 2·Σ_{i≥60} C(100,i)/2¹⁰⁰ = 0.056887933640980784 (BigInt sum)', () => {
    let tail = 0n;
    let choose = 1n;
    for (let i = 0; i <= 100; i++) {
      if (i > 0) choose = (choose * BigInt(100 - i + 1)) / BigInt(i);
      if (i >= 60) tail += choose;
    }
    const exact = Number((2n * tail * 10n ** 18n) / 2n ** 100n) / 1e18;
    expect(binomialTestTwoSided(60, 100)).toBeCloseTo(exact, 13);
    expect(binomialTestTwoSided(60, 100)).toBeCloseTo(0.056887933640980784, 13);
  });

  it('with p = 0.1, sums the outcomes no more likely than the one seen: 2 of 3 → P(2) + P(3) = 0.027 + 0.001', () => {
    expect(binomialTestTwoSided(2, 3, 0.1)).toBeCloseTo(0.028, 14);
    // 1 of 3: P(1) = 0.243, and only P(2), P(3) are smaller than it: 0.271.
    expect(binomialTestTwoSided(1, 3, 0.1)).toBeCloseTo(0.271, 14);
  });

  it('refuses what is not a count', () => {
    expect(() => binomialTestTwoSided(11, 10)).toThrow(/is not a count/);
    expect(() => binomialTestTwoSided(1.5, 10)).toThrow(/is not a count/);
  });
});

describe('binomialMixtureTestTwoSided: trials of different chances together', () => {
  it('matches enumerating every outcome of 5 trials at 1/2, 4 at 1/3 and 3 at 1/4, for every count', () => {
    const chances = [...Array<number>(5).fill(1 / 2), ...Array<number>(4).fill(1 / 3), ...Array<number>(3).fill(1 / 4)];
    const groups = [{ trials: 5, p: 1 / 2 }, { trials: 4, p: 1 / 3 }, { trials: 3, p: 1 / 4 }];
    for (let k = 0; k <= 12; k++) expect(binomialMixtureTestTwoSided(k, groups)).toBeCloseTo(enumeratedPValue(k, chances), 13);
  });

  it('with one group is the binomial test: 3 of 3 at 1/3 is 1/27 (scipy binomtest 0.037037…), 2 of 4 at 1/4 is P(2) + P(3) + P(4) = (54 + 12 + 1) / 256', () => {
    expect(binomialMixtureTestTwoSided(3, [{ trials: 3, p: 1 / 3 }])).toBeCloseTo(1 / 27, 15);
    expect(binomialMixtureTestTwoSided(2, [{ trials: 4, p: 1 / 4 }, { trials: 0, p: 1 / 2 }])).toBeCloseTo(67 / 256, 14);
    expect(binomialMixtureTestTwoSided(7, [{ trials: 10, p: 0.5 }])).toBe(binomialTestTwoSided(7, 10));
  });

  it('is null with no trials and refuses a count above the trials', () => {
    expect(binomialMixtureTestTwoSided(0, [])).toBeNull();
    expect(() => binomialMixtureTestTwoSided(5, [{ trials: 2, p: 0.5 }, { trials: 2, p: 1 / 3 }])).toThrow(/not a count/);
  });
});
