// The two dense loops every training pass runs per row, shared by the softmax objective and the dual solver.

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
