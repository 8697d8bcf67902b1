// One example's step of the softmax dual (softmax-dual.ts): the exact minimiser, over the simplex Σ_y β_y = C, β ≥ 0,
// of   Σ_y ½a(β_y − α_y)² − z_y(β_y − α_y) + β_y log β_y,
// where α is the example's current dual point, z its logits and a = ‖x‖². Setting the derivative to a common
// multiplier μ gives a·β_y + log β_y = z_y + a·α_y + μ, i.e. a·β_y = ω(z_y + a·α_y + log a + μ) with ω the Wright omega
// function (the v solving v + log v = s). Σ_y β_y is increasing in μ, so the step is a one-dimensional root search.

/** Stop the search for μ when the sum is within this relative distance of C. */
const SUM_TOLERANCE = 1e-13;
const MAX_SEARCH_STEPS = 60;

/**
 * Writes β − α into `delta` (length K) for the example whose α is alpha[at … at + K). Returns false when the step
 * changes nothing. The largest class's change is written as minus the sum of the others, so Σ α stays C exactly and
 * a well-learnt example (α of its class ≈ C) loses no digits to cancellation.
 */
export function solveSimplexStep(z: Float64Array, alpha: Float64Array, at: number, a: number, C: number, delta: Float64Array): boolean {
  const K = z.length;
  const logA = Math.log(a);
  // delta holds the offsets s_y − μ until the end.
  let maxOffset = Number.NEGATIVE_INFINITY;
  let maxLogit = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < K; c++) {
    const offset = (z[c] as number) + a * (alpha[at + c] as number) + logA;
    delta[c] = offset;
    maxOffset = Math.max(maxOffset, offset);
    maxLogit = Math.max(maxLogit, z[c] as number);
  }
  // ω(s) ≤ e^s, and ω(s) ≥ e^(s − aC) wherever ω ≤ aC: the root lies in [lo, lo + aC].
  const target = Math.log(a * C);
  let offsetSum = 0;
  for (let c = 0; c < K; c++) offsetSum += Math.exp((delta[c] as number) - maxOffset);
  let lo = target - maxOffset - Math.log(offsetSum);
  let hi = lo + a * C;
  // At the optimum β = α = C·softmax(z), where μ = log C − log Σ exp(z): the usual start, as examples are near it.
  let logitSum = 0;
  for (let c = 0; c < K; c++) logitSum += Math.exp((z[c] as number) - maxLogit);
  let mu = Math.min(hi, Math.max(lo, Math.log(C) - maxLogit - Math.log(logitSum)));
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    let sum = 0;
    let slope = 0;
    for (let c = 0; c < K; c++) {
      const v = wrightOmega((delta[c] as number) + mu);
      sum += v;
      slope += v / (1 + v);
    }
    // Newton on log Σω(μ) = log aC; its derivative is Σ ω/(1+ω) / Σ ω.
    const gap = Math.log(sum) - target;
    if (Math.abs(gap) <= SUM_TOLERANCE) break;
    if (gap > 0) hi = mu;
    else lo = mu;
    const next = mu - (gap * sum) / slope;
    mu = next > lo && next < hi ? next : (lo + hi) / 2;
    if (hi - lo <= 1e-15 * Math.max(1, Math.abs(mu))) break;
  }
  let largest = 0;
  for (let c = 0; c < K; c++) {
    const beta = wrightOmega((delta[c] as number) + mu) / a;
    delta[c] = beta;
    if (beta > (delta[largest] as number)) largest = c;
  }
  let others = 0;
  let changed = false;
  for (let c = 0; c < K; c++) {
    if (c === largest) continue;
    const d = (delta[c] as number) - (alpha[at + c] as number);
    delta[c] = d;
    others += d;
    changed ||= d !== 0;
  }
  delta[largest] = -others;
  return changed;
}

/** ω(s): the v > 0 with v + log v = s (so a·e^u + u = t has u = t − ω(t + log a)). */
export function wrightOmega(s: number): number {
  // ω = e^(s − ω) = e^s (1 − e^s + …): below −20 the first term is exact to double precision.
  if (s < -20) return Math.exp(s);
  // A start above the root (log(1 + e^s) ≥ ω(s)); Newton on the concave v + log v − s then steps once below the root
  // and climbs to it monotonically, never reaching v ≤ 0.
  let v = s > 30 ? s - Math.log(s) + 1 : Math.log1p(Math.exp(s));
  for (let i = 0; i < 40; i++) {
    const next = (v * (1 + s - Math.log(v))) / (1 + v);
    if (Math.abs(next - v) <= 1e-15 * next) return next;
    v = next;
  }
  return v;
}
