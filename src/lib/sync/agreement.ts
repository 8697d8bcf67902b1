// Inter-annotator agreement on nominal data: units × annotators, each cell a category or missing. Formulas follow
// Gwet, Handbook of Inter-Rater Reliability (4th ed., 2014), which extends Fleiss' kappa and AC1 to missing data:
//   pa  = mean over units rated at least twice of Σk r_ik(r_ik − 1) / (r_i(r_i − 1))   (pairwise observed agreement)
//   π_k = mean over units rated at least once of r_ik / r_i
//   Fleiss' kappa: pe = Σk π_k²;   Gwet's AC1: pe = Σk π_k(1 − π_k) / (q − 1)
// and Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), for alpha from the coincidence matrix.
// Each is null where it is undefined (no unit rated twice, or chance agreement is already certain).
import type { AgreementFigures } from './report-types';

/** One annotator's category for one unit. A missing rating is simply absent. */
export interface Rating {
  unit: string;
  annotator: string;
  value: string;
}

interface CountTable {
  categories: string[];
  /** Per unit rated at least once: how many ratings fell in each category. */
  units: number[][];
}

/**
 * `categories` is the scale the annotators chose from; categories nobody used still count for AC1's q. By default
 * the scale is what was used.
 */
export function agreementFigures(ratings: readonly Rating[], categories: readonly string[] = []): AgreementFigures {
  const table = countTable(ratings, categories);
  const pa = percentAgreement(table);
  const shares = categoryShares(table);
  const q = table.categories.length;
  return {
    percentAgreement: pa,
    cohenKappa: cohenKappa(ratings),
    fleissKappa: chanceCorrected(pa, sum(shares.map((p) => p * p))),
    krippendorffAlpha: krippendorffAlpha(table),
    gwetAc1: q < 2 ? null : chanceCorrected(pa, sum(shares.map((p) => p * (1 - p))) / (q - 1)),
  };
}

function countTable(ratings: readonly Rating[], scale: readonly string[]): CountTable {
  const categories = [...new Set([...scale, ...ratings.map((r) => r.value)])].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const units = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const { unit, annotator, value } of ratings) {
    // A second rating by the same annotator would count as agreement with themselves.
    const cell = JSON.stringify([unit, annotator]);
    if (seen.has(cell)) throw new Error(`annotator "${annotator}" rated unit "${unit}" twice`);
    seen.add(cell);
    let counts = units.get(unit);
    if (counts === undefined) units.set(unit, (counts = new Array<number>(categories.length).fill(0)));
    const k = index.get(value) as number;
    counts[k] = (counts[k] as number) + 1;
  }
  return { categories, units: [...units.values()] };
}

function percentAgreement(table: CountTable): number | null {
  let total = 0;
  let pairable = 0;
  for (const counts of table.units) {
    const r = sum(counts);
    if (r < 2) continue;
    pairable++;
    total += sum(counts.map((c) => c * (c - 1))) / (r * (r - 1));
  }
  return pairable === 0 ? null : total / pairable;
}

function categoryShares(table: CountTable): number[] {
  const shares = new Array<number>(table.categories.length).fill(0);
  for (const counts of table.units) {
    const r = sum(counts);
    counts.forEach((c, k) => (shares[k]! += c / r / table.units.length));
  }
  return shares;
}

function chanceCorrected(observed: number | null, chance: number): number | null {
  // Chance agreement of 1 (everyone always chose the same category): there is nothing left to measure.
  if (observed === null || 1 - chance < 1e-12) return null;
  return (observed - chance) / (1 - chance);
}

/** Cohen (1960): two annotators, on the units both rated, each with their own marginals. */
function cohenKappa(ratings: readonly Rating[]): number | null {
  const annotators = [...new Set(ratings.map((r) => r.annotator))].sort();
  if (annotators.length !== 2) return null;
  const first = annotators[0] as string;
  const byUnit = new Map<string, { a?: string; b?: string }>();
  for (const r of ratings) {
    const pair = byUnit.get(r.unit) ?? {};
    if (r.annotator === first) pair.a = r.value;
    else pair.b = r.value;
    byUnit.set(r.unit, pair);
  }
  const pairs = [...byUnit.values()].filter((p): p is { a: string; b: string } => p.a !== undefined && p.b !== undefined);
  if (pairs.length === 0) return null;
  const marginalA = new Map<string, number>();
  const marginalB = new Map<string, number>();
  let agreed = 0;
  for (const { a, b } of pairs) {
    if (a === b) agreed++;
    marginalA.set(a, (marginalA.get(a) ?? 0) + 1);
    marginalB.set(b, (marginalB.get(b) ?? 0) + 1);
  }
  const n = pairs.length;
  const chance = sum([...marginalA].map(([category, count]) => (count / n) * ((marginalB.get(category) ?? 0) / n)));
  return chanceCorrected(agreed / n, chance);
}

/** Krippendorff's nominal alpha: units rated once are unpairable and left out, as the 2011 paper prescribes. */
function krippendorffAlpha(table: CountTable): number | null {
  const totals = new Array<number>(table.categories.length).fill(0);
  let coincidentSame = 0;
  for (const counts of table.units) {
    const r = sum(counts);
    if (r < 2) continue;
    counts.forEach((c, k) => {
      totals[k]! += c;
      coincidentSame += (c * (c - 1)) / (r - 1);
    });
  }
  const n = sum(totals);
  const sameByChance = sum(totals.map((t) => t * (t - 1)));
  const denominator = n * (n - 1) - sameByChance;
  if (n < 2 || denominator === 0) return null;
  return ((n - 1) * coincidentSame - sameByChance) / denominator;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
