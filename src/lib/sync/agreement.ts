// Inter-annotator agreement on nominal data: units × annotators, each cell a category or missing. Formulas follow
// Gwet, Handbook of Inter-Rater Reliability (4th ed., 2014), which extends Fleiss' kappa and AC1 to missing data:
//   pa  = mean over units rated at least twice of Σk r_ik(r_ik − 1) / (r_i(r_i − 1))   (pairwise observed agreement)
//   π_k = mean over units rated at least once of r_ik / r_i
//   Fleiss' kappa: pe = Σk π_k²;   Gwet's AC1: pe = Σk π_k(1 − π_k) / (q − 1)
// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), for alpha from the coincidence matrix; and
// Cohen's kappa (Cohen 1960) for two annotators, with Light's kappa (Light 1971, "Measures of response agreement
// for qualitative data", Psychological Bulletin 76(5)) — the mean of Cohen's kappa over every pair — for any number.
// Each is null where it is undefined (no unit rated twice, or chance agreement is already certain).
import { alphaFromCounts } from './alpha';
import type { AgreementFigures } from './report-types';
import { countsByUnit, type UnitRating } from './unit-counts';

/** One annotator's category for one unit. A missing rating is simply absent. */
export type Rating = UnitRating<string>;

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
  const raters = [...ratingsByAnnotator(ratings).values()];
  return {
    percentAgreement: pa,
    cohenKappa: raters.length === 2 ? pairKappa(raters[0] as UnitValues, raters[1] as UnitValues) : null,
    lightKappa: lightKappa(raters),
    fleissKappa: chanceCorrected(pa, sum(shares.map((p) => p * p))),
    krippendorffAlpha: krippendorffAlpha(table),
    gwetAc1: q < 2 ? null : chanceCorrected(pa, sum(shares.map((p) => p * (1 - p))) / (q - 1)),
  };
}

function countTable(ratings: readonly Rating[], scale: readonly string[]): CountTable {
  const categories = [...new Set([...scale, ...ratings.map((r) => r.value)])].sort();
  return { categories, units: countsByUnit(ratings, categories) };
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

/** Each annotator's category per unit they rated. */
type UnitValues = Map<string, string>;

function ratingsByAnnotator(ratings: readonly Rating[]): Map<string, UnitValues> {
  const byAnnotator = new Map<string, UnitValues>();
  for (const { unit, annotator, value } of ratings) {
    let values = byAnnotator.get(annotator);
    if (values === undefined) byAnnotator.set(annotator, (values = new Map()));
    values.set(unit, value);
  }
  return byAnnotator;
}

/** How many pairs of annotators rated at least one unit in common: the pairs Light's kappa can take. */
export function annotatorPairs(ratings: readonly Rating[]): number {
  return everyPair([...ratingsByAnnotator(ratings).values()]).filter(([a, b]) => sharedUnits(a, b).length > 0).length;
}

function everyPair<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

function sharedUnits(a: UnitValues, b: UnitValues): [string, string][] {
  const [few, many, swapped] = a.size <= b.size ? [a, b, false] : [b, a, true];
  const shared: [string, string][] = [];
  for (const [unit, value] of few) {
    const other = many.get(unit);
    if (other !== undefined) shared.push(swapped ? [other, value] : [value, other]);
  }
  return shared;
}

/** Cohen (1960): two annotators, on the units both rated, each with their own marginals; null when they share none. */
function pairKappa(a: UnitValues, b: UnitValues): number | null {
  const pairs = sharedUnits(a, b);
  if (pairs.length === 0) return null;
  const marginalA = new Map<string, number>();
  const marginalB = new Map<string, number>();
  let agreed = 0;
  for (const [x, y] of pairs) {
    if (x === y) agreed++;
    marginalA.set(x, (marginalA.get(x) ?? 0) + 1);
    marginalB.set(y, (marginalB.get(y) ?? 0) + 1);
  }
  const n = pairs.length;
  const chance = sum([...marginalA].map(([category, count]) => (count / n) * ((marginalB.get(category) ?? 0) / n)));
  return chanceCorrected(agreed / n, chance);
}

/**
 * Light (1971): the plain mean of Cohen's kappa over the pairs of annotators. Light had every rater rate every
 * unit; with missing ratings each pair is taken on the units both rated, and a pair counts whatever their number,
 * as in Light's mean every pair weighs the same. Pairs that share no unit, and pairs whose kappa is undefined (all
 * their shared ratings in one category), have no kappa to add and are left out. With two annotators it is Cohen's.
 */
function lightKappa(raters: readonly UnitValues[]): number | null {
  const kappas = everyPair(raters).flatMap(([a, b]) => pairKappa(a, b) ?? []);
  return kappas.length === 0 ? null : sum(kappas) / kappas.length;
}

/** Krippendorff's nominal alpha: units rated once are unpairable and left out, as the 2011 paper prescribes. */
function krippendorffAlpha(table: CountTable): number | null {
  return alphaFromCounts(table.units, table.categories.map((_, i) => i), 'nominal');
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
