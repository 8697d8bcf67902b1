// Limited-memory BFGS for the softmax head (three or more exclusive classes; two-class problems use dual-cd.ts).
// Chosen over SGD/AdaGrad because it is full-batch and free of randomness and learning rates: the same labels give
// the same weights on every machine, and it reaches a tight optimum in tens of passes instead of thousands. A loose
// stop moved active-learning curves by several points (FACTS), so the stop is on the gradient, not a pass count.

/** Writes ∇f(x) into `gradient` and returns f(x). */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when ‖∇f‖ ≤ tolerance · max(‖∇f(x₀)‖, gradientScale). */
  tolerance: number;
  /** Gradient size that counts as "large" for this problem, so a warm start already near the optimum stops at once. */
  gradientScale: number;
  maxIterations: number;
  /** Curvature pairs kept; 10 is the customary sweet spot between memory and convergence speed. */
  memory?: number;
}

export interface MinimizeResult {
  value: number;
  iterations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const MIN_STEP = 1e-12;

/** Minimises in place: `x` holds the start and receives the minimum. */
export function minimize(objective: Objective, x: Float64Array, options: MinimizeOptions): MinimizeResult {
  const n = x.length;
  const memory = options.memory ?? 5;
  // Curvature pairs in a ring: the oldest pair's arrays are recycled for the newest, so a long run allocates
  // `memory` pairs once instead of two large arrays per iteration.
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  let newest = -1;
  const alpha = new Float64Array(memory);

  let gradient: Float64Array = new Float64Array(n);
  let nextGradient: Float64Array = new Float64Array(n);
  const direction = new Float64Array(n);
  const candidate = new Float64Array(n);
  let sNew: Float64Array = new Float64Array(n);
  let yNew: Float64Array = new Float64Array(n);
  let value = objective(x, gradient);
  const stopAt = options.tolerance * Math.max(norm(gradient), options.gradientScale);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (norm(gradient) <= stopAt) return { value, iterations: iteration, converged: true };

    // Two-loop recursion: direction = −H·g with H the L-BFGS inverse-Hessian estimate.
    const pairs = s.length;
    for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
    for (let back = 0; back < pairs; back++) {
      const k = (newest - back + pairs) % pairs;
      alpha[k] = (rho[k] as number) * dot(s[k] as Float64Array, direction);
      axpy(-(alpha[k] as number), y[k] as Float64Array, direction);
    }
    if (pairs > 0) {
      const sk = s[newest] as Float64Array;
      const yk = y[newest] as Float64Array;
      scale(direction, dot(sk, yk) / dot(yk, yk));
    }
    for (let forward = pairs - 1; forward >= 0; forward--) {
      const k = (newest - forward + pairs) % pairs;
      const beta = (rho[k] as number) * dot(y[k] as Float64Array, direction);
      axpy((alpha[k] as number) - beta, s[k] as Float64Array, direction);
    }

    let slope = dot(gradient, direction);
    let fresh = pairs === 0;
    if (slope >= 0) {
      // Rounding can spoil the estimate; steepest descent is always a descent direction.
      for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
      slope = dot(gradient, direction);
      s.length = y.length = rho.length = 0;
      newest = -1;
      fresh = true;
    }

    // Backtracking line search. Without curvature information the first step is kept to unit length.
    let step = fresh ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let nextValue = Number.POSITIVE_INFINITY;
    while (step >= MIN_STEP) {
      for (let i = 0; i < n; i++) candidate[i] = (x[i] as number) + step * (direction[i] as number);
      nextValue = objective(candidate, nextGradient);
      if (nextValue <= value + ARMIJO * step * slope) break;
      step *= 0.5;
    }
    // No decrease is possible at float precision: we are as close to the optimum as arithmetic allows.
    if (step < MIN_STEP) return { value, iterations: iteration, converged: norm(gradient) <= stopAt * 10 };

    for (let i = 0; i < n; i++) {
      sNew[i] = (candidate[i] as number) - (x[i] as number);
      yNew[i] = (nextGradient[i] as number) - (gradient[i] as number);
    }
    const curvature = dot(sNew, yNew);
    // A pair without positive curvature would make the estimate indefinite: skip it.
    if (curvature > 1e-12 * dot(yNew, yNew)) {
      newest = s.length < memory ? s.length : (newest + 1) % memory;
      if (newest === s.length) {
        s.push(sNew);
        y.push(yNew);
        rho.push(1 / curvature);
        sNew = new Float64Array(n);
        yNew = new Float64Array(n);
      } else {
        [s[newest], sNew] = [sNew, s[newest] as Float64Array];
        [y[newest], yNew] = [yNew, y[newest] as Float64Array];
        rho[newest] = 1 / curvature;
      }
    }
    x.set(candidate);
    value = nextValue;
    [gradient, nextGradient] = [nextGradient, gradient];
  }
  return { value, iterations: options.maxIterations, converged: norm(gradient) <= stopAt };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function axpy(factor: number, from: Float64Array, to: Float64Array): void {
  for (let i = 0; i < to.length; i++) to[i] = (to[i] as number) + factor * (from[i] as number);
}

function scale(a: Float64Array, factor: number): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) * factor;
}
