// The exact two-sided binomial test, as scipy.stats.binomtest computes it (alternative "two-sided"): the p-value is
// the probability, under Binomial(n, p), of every outcome no more likely than the one observed (with scipy's relative
// tolerance of 1e-7 on "no more likely", so outcomes equally likely by symmetry are not lost to rounding). For
// p = 0.5 that is twice the smaller tail, capped at 1.

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
