// The reference for exact tests on counts of successes: every one of the 2ⁿ outcomes of n independent trials
// enumerated with its probability, then scipy.stats.binomtest's two-sided rule (the probability of every count no
// more likely than the one observed, with its relative tolerance of 1e-7). Slow and plain, so nothing like the code
// under test.
export function enumeratedPValue(k: number, chances: readonly number[]): number {
  const pmf = new Array<number>(chances.length + 1).fill(0);
  for (let outcome = 0; outcome < 2 ** chances.length; outcome++) {
    let probability = 1;
    let successes = 0;
    chances.forEach((p, i) => {
      const success = (outcome >> i) & 1;
      successes += success;
      probability *= success ? p : 1 - p;
    });
    pmf[successes] = (pmf[successes] as number) + probability;
  }
  const observed = pmf[k] as number;
  return Math.min(1, pmf.filter((p) => p <= observed * (1 + 1e-7)).reduce((sum, p) => sum + p, 0));
}
