// The feature row the head reads, and the few products every learning module needs on it.
//
// A row has two parts: hashed text features (always) and a transformer embedding (when a model is loaded). Both
// arrive L2-normalised. They are joined as one vector [a·sparse, b·dense] with a = b = √½, so the row has norm 1
// and each part holds half of it: the hashed part has thousands of small values and the embedding a few hundred
// larger ones, and without equal shares one would dominate the dot products and the L2 penalty of the head.
// Without a model there is no dense part and the sparse part keeps the whole norm (a = 1).
import { HASH_SIZE, type SparseVector } from './features';

export interface FeatureRow {
  sparse: SparseVector;
  /** A transformer embedding, already L2-normalised; null when no model is loaded. */
  dense: Float32Array | null;
}

/** Scale of each part in the joined vector, given how many dense dimensions the model has (0 = no model). */
export function partWeights(denseDims: number): { sparse: number; dense: number } {
  return denseDims > 0 ? { sparse: Math.SQRT1_2, dense: Math.SQRT1_2 } : { sparse: 1, dense: 0 };
}

/**
 * Length of one class's weight vector: hashed buckets, then dense dimensions, then the bias.
 * Index layout shared by head.ts and every consumer of HeadWeights.
 */
export function weightLength(denseDims: number): number {
  return HASH_SIZE + denseDims + 1;
}

/** w · x for the joined row x (the bias is not included: callers add it where they need it). */
export function dotWeights(weights: Float32Array, row: FeatureRow, denseDims: number): number {
  // Hot path (every task, every class, every rescoring): no allocation, and the imported constant is copied to a
  // local once, since module bindings compiled to CommonJS (tsx, Vitest) are property reads on every access.
  const sparseScale = denseDims > 0 ? Math.SQRT1_2 : 1;
  const denseStart = HASH_SIZE;
  const { indices, values } = row.sparse;
  let sparse = 0;
  for (let i = 0; i < indices.length; i++) sparse += (weights[indices[i] as number] as number) * (values[i] as number);
  const dense = row.dense !== null && denseDims > 0 ? dotAt(weights, denseStart, row.dense, Math.min(denseDims, row.dense.length)) : 0;
  return sparseScale * sparse + (denseDims > 0 ? Math.SQRT1_2 : 0) * dense;
}

/**
 * Σ w[offset + j]·x[j] for j < n. Four running sums: with one, every addition waits for the one before it (a
 * floating-point add takes several cycles). The Float32 twin of float64-kernels.ts' dotRows: one element type per
 * function keeps V8's code for the loop monomorphic.
 */
function dotAt(w: Float32Array, offset: number, x: Float32Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const at = offset + j;
    s0 += (w[at] as number) * (x[j] as number);
    s1 += (w[at + 1] as number) * (x[j + 1] as number);
    s2 += (w[at + 2] as number) * (x[j + 2] as number);
    s3 += (w[at + 3] as number) * (x[j + 3] as number);
  }
  for (; j < n; j++) s0 += (w[offset + j] as number) * (x[j] as number);
  return s0 + s1 + (s2 + s3);
}

export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i] as number;
    const bj = b.indices[j] as number;
    if (ai === bj) sum += (a.values[i++] as number) * (b.values[j++] as number);
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}

export function denseDot(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * Cosine of two rows as joined vectors. Both parts are unit vectors, so this is a weighted dot; a part missing on
 * either side counts as zero, and a row with nothing at all (an empty text) has cosine 0 with everything.
 */
export function cosine(a: FeatureRow, b: FeatureRow): number {
  const hasDense = a.dense !== null && b.dense !== null;
  const scale = partWeights(hasDense ? 1 : 0);
  const sparse = sparseDot(a.sparse, b.sparse);
  const dense = hasDense ? denseDot(a.dense as Float32Array, b.dense as Float32Array) : 0;
  const dot = scale.sparse ** 2 * sparse + scale.dense ** 2 * dense;
  const norm = Math.sqrt(rowNormSquared(a, hasDense) * rowNormSquared(b, hasDense));
  return norm > 0 ? dot / norm : 0;
}

function rowNormSquared(row: FeatureRow, withDense: boolean): number {
  const scale = partWeights(withDense ? 1 : 0);
  let sparse = 0;
  for (const v of row.sparse.values) sparse += v * v;
  const dense = withDense && row.dense !== null ? denseDot(row.dense, row.dense) : 0;
  return scale.sparse ** 2 * sparse + scale.dense ** 2 * dense;
}
