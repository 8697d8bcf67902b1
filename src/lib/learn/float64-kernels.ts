// The dense loops every training pass runs per row, shared by the two dual solvers (dual-cd.ts, softmax-dual.ts).

/**
 * Σ a[i + j]·b[k + j] for j < n, in four running sums: with one, each addition waits for the one before (a
 * floating-point add takes several cycles), and the dense part of a training pass (hundreds of embedding
 * dimensions per row) ran about twice as slowly. Float64 only, the training's arrays: one element type keeps V8's
 * code for these loops monomorphic.
 */
export function dotRows(a: Float64Array, i: number, b: Float64Array, k: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += (a[i + j] as number) * (b[k + j] as number);
    s1 += (a[i + j + 1] as number) * (b[k + j + 1] as number);
    s2 += (a[i + j + 2] as number) * (b[k + j + 2] as number);
    s3 += (a[i + j + 3] as number) * (b[k + j + 3] as number);
  }
  for (; j < n; j++) s0 += (a[i + j] as number) * (b[k + j] as number);
  return s0 + s1 + (s2 + s3);
}

/** out[i + j] += scale · b[k + j] for j < n. */
export function addScaled(out: Float64Array, i: number, scale: number, b: Float64Array, k: number, n: number): void {
  if (scale === 0) return;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    out[i + j] = (out[i + j] as number) + scale * (b[k + j] as number);
    out[i + j + 1] = (out[i + j + 1] as number) + scale * (b[k + j + 1] as number);
    out[i + j + 2] = (out[i + j + 2] as number) + scale * (b[k + j + 2] as number);
    out[i + j + 3] = (out[i + j + 3] as number) + scale * (b[k + j + 3] as number);
  }
  for (; j < n; j++) out[i + j] = (out[i + j] as number) + scale * (b[k + j] as number);
}

/**
 * out[c] = Σᵢ theta[columns[i] · K + c] · values[i] over i in [start, end), for the K classes of a column-major
 * weight block (one sparse row against every class). Classes go four at a time in local sums: a loop over c inside
 * the loop over i keeps its sums in memory and ran ~1.5× slower.
 */
export function gatherRow(theta: Float64Array, K: number, columns: Int32Array, values: Float64Array, start: number, end: number, out: Float64Array): void {
  let c = 0;
  for (; c + 3 < K; c += 4) {
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    for (let i = start; i < end; i++) {
      const at = (columns[i] as number) * K + c;
      const v = values[i] as number;
      z0 += (theta[at] as number) * v;
      z1 += (theta[at + 1] as number) * v;
      z2 += (theta[at + 2] as number) * v;
      z3 += (theta[at + 3] as number) * v;
    }
    out[c] = z0;
    out[c + 1] = z1;
    out[c + 2] = z2;
    out[c + 3] = z3;
  }
  for (; c < K; c++) {
    let z0 = 0;
    for (let i = start; i < end; i++) z0 += (theta[(columns[i] as number) * K + c] as number) * (values[i] as number);
    out[c] = z0;
  }
}

/** theta[columns[i] · K + c] += factor[c] · values[i]: gatherRow's transpose. */
export function scatterRow(theta: Float64Array, K: number, columns: Int32Array, values: Float64Array, start: number, end: number, factor: Float64Array): void {
  let c = 0;
  for (; c + 3 < K; c += 4) {
    const f0 = factor[c] as number;
    const f1 = factor[c + 1] as number;
    const f2 = factor[c + 2] as number;
    const f3 = factor[c + 3] as number;
    for (let i = start; i < end; i++) {
      const at = (columns[i] as number) * K + c;
      const v = values[i] as number;
      theta[at] = (theta[at] as number) + f0 * v;
      theta[at + 1] = (theta[at + 1] as number) + f1 * v;
      theta[at + 2] = (theta[at + 2] as number) + f2 * v;
      theta[at + 3] = (theta[at + 3] as number) + f3 * v;
    }
  }
  for (; c < K; c++) {
    const f0 = factor[c] as number;
    for (let i = start; i < end; i++) {
      const at = (columns[i] as number) * K + c;
      theta[at] = (theta[at] as number) + f0 * (values[i] as number);
    }
  }
}
