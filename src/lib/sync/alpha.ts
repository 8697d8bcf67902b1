// Krippendorff's alpha at the three levels of measurement a rubric's ratings can be read at (Krippendorff 2011,
// "Computing Krippendorff's Alpha-Reliability"): from the coincidence matrix of the values paired within each unit,
//   α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck
// with δ² 1 for different values (nominal), (c − k)² (interval), or, for ordinal data, the squared count of values
// from c to k less half of c's and k's: (Σ_{g=c..k} n_g − (n_c + n_k) / 2)². Units rated once are unpairable and left
// out; α is null where nothing can be paired or every pairable value is the same.

import { countsByUnit, type UnitRating } from './unit-counts';

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval';

/** One annotator's number for one unit; a missing rating is simply absent. */
export type NumericRating = UnitRating<number>;

export function krippendorffAlphaAt(ratings: readonly NumericRating[], level: AlphaLevel): number | null {
  const values = [...new Set(ratings.map((r) => r.value))].sort((a, b) => a - b);
  return alphaFromCounts(countsByUnit(ratings, values), values, level);
}

/**
 * `units`: per unit, how many of its ratings fell on each value; `values`: those values in ascending order (any
 * distinct numbers for nominal data).
 */
export function alphaFromCounts(units: readonly (readonly number[])[], values: readonly number[], level: AlphaLevel): number | null {
  const q = values.length;
  const coincidences = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (const counts of units) {
    const m = sum(counts);
    if (m < 2) continue;
    for (let c = 0; c < q; c++) {
      const nc = counts[c] as number;
      if (nc === 0) continue;
      for (let k = 0; k < q; k++) coincidences[c]![k]! += (nc * ((counts[k] as number) - (c === k ? 1 : 0))) / (m - 1);
    }
  }
  const totals = coincidences.map(sum);
  const n = sum(totals);
  const distance = distanceOf(level, values, totals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const d = distance(c, k);
      observed += (coincidences[c]![k] as number) * d;
      expected += (totals[c] as number) * (totals[k] as number) * d;
    }
  }
  if (n < 2 || expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** δ² between the values at indexes c and k. */
function distanceOf(level: AlphaLevel, values: readonly number[], totals: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
    case 'ordinal': {
      // Cumulative totals, so the count of values from c to k is one subtraction.
      const upTo = totals.reduce<number[]>((acc, t) => [...acc, (acc.at(-1) ?? 0) + t], []);
      return (c, k) => {
        const [low, high] = c <= k ? [c, k] : [k, c];
        const between = (upTo[high] as number) - (low === 0 ? 0 : (upTo[low - 1] as number));
        return (between - ((totals[c] as number) + (totals[k] as number)) / 2) ** 2;
      };
    }
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
