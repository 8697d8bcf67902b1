// The exact two-sided binomial test, as scipy.stats.binomtest computes it (alternative "two-sided"): the p-value is
// the probability, under Binomial(n, p), of every outcome no more likely than the one observed (with scipy's relative
// tolerance of 1e-7 on "no more likely", so outcomes equally likely by symmetry are not lost to rounding). For
// p = 0.5 that is twice the smaller tail, capped at 1. The same rule extends to a sum of independent trials whose
// success probabilities differ by group (a Poisson binomial distribution with few distinct p), e.g. "the response
// shown first won" over judgements of 2, 3 and 4 responses, whose chances are 1/2, 1/3 and 1/4.

const RELATIVE_TOLERANCE = 1 + 1e-7;

/** P-value of k successes in n trials against success probability p; null for n = 0 (nothing observed). */
export function binomialTestTwoSided(k: number, n: number, p = 0.5): number | null {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) throw new Error(`binomial test: ${k} successes in ${n} trials is not a count`);
  if (!(p >= 0 && p <= 1)) throw new Error(`binomial test: probability ${p} is not between 0 and 1`);
  if (n === 0) return null;
  const logPmf = logBinomialPmf(n, p);
  const observed = logPmf[k] as number;
  const threshold = observed + Math.log(RELATIVE_TOLERANCE);
  // Summed relative to the observed outcome's probability, so long tails of tiny terms keep their precision.
  let relative = 0;
  for (const log of logPmf) if (log <= threshold) relative += Math.exp(log - observed);
  return Math.min(1, relative * Math.exp(observed));
}

/** Trials that each succeed with probability `p`. */
export interface TrialGroup {
  trials: number;
  p: number;
}

/**
 * P-value of k successes in all the groups' trials together, by the rule above over the exact distribution of their
 * sum (the groups' binomial distributions convolved); null with no trials. One group is binomialTestTwoSided itself.
 */
export function binomialMixtureTestTwoSided(k: number, groups: readonly TrialGroup[]): number | null {
  const used = groups.filter((g) => g.trials > 0);
  const n = used.reduce((sum, g) => sum + g.trials, 0);
  if (used.length <= 1) return binomialTestTwoSided(k, n, used[0]?.p ?? 0.5);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new Error(`binomial test: ${k} successes in ${n} trials is not a count`);
  // Linear probabilities: the distribution's peak is at least 1/(n + 1), so only outcomes far less likely than
  // anything observed without a p-value below 1e-300 underflow.
  let pmf = [1];
  for (const g of used) {
    if (!(g.p >= 0 && g.p <= 1) || !Number.isInteger(g.trials)) throw new Error(`binomial test: ${g.trials} trials at ${g.p} is not a group of trials`);
    pmf = convolve(pmf, logBinomialPmf(g.trials, g.p).map(Math.exp));
  }
  const threshold = (pmf[k] as number) * RELATIVE_TOLERANCE;
  let total = 0;
  for (const probability of pmf) if (probability <= threshold) total += probability;
  return Math.min(1, total);
}

function convolve(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    if (x === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] = (out[i + j] as number) + x * (b[j] as number);
  }
  return out;
}

/** log P(X = i) for i = 0..n, by the recurrence C(n, i) = C(n, i − 1) · (n − i + 1) / i: exact enough for any n here. */
function logBinomialPmf(n: number, p: number): number[] {
  const logs = new Array<number>(n + 1);
  let logChoose = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log((n - i + 1) / i);
    logs[i] = logChoose + logPower(p, i) + logPower(1 - p, n - i);
  }
  return logs;
}

/** i · log(x), with 0⁰ = 1. */
function logPower(x: number, i: number): number {
  return i === 0 ? 0 : i * Math.log(x);
}
