// Re-scoring a whole pool: every row's logits against every class, the largest cost after a retrain in a big
// project (100,000 tasks × classes × (non-zeros + embedding dims)). Scored one class at a time, a row's features are
// read once per class; here classes go in blocks of four whose weights are interleaved (four classes of one feature
// side by side), so a row is read once per block and each read feeds four running sums. The embedding part of a
// block (a few kilobytes, read for every row) is held in Float64, which spares a conversion per weight read.
// Where WebAssembly SIMD runs, the embedding part of a whole pool goes through wasm-dense.ts instead (four lanes
// at a time rather than one; the plain loop stays as the fallback and the reference it is tested against).
import { HASH_SIZE } from './features';
import { partWeights, weightLength, type FeatureRow } from './vectors';
import { denseKernel, LANES } from './wasm-dense';

const BLOCK = LANES;

/** One block of four classes: weights interleaved as [feature · 4 + lane]. */
interface WeightBlock {
  sparse: Float32Array;
  /** The embedding dimensions, then the bias. */
  denseAndBias: Float64Array;
}

/**
 * The weights of `scored.length` classes laid out for rowLogits, in blocks of four classes; the last block is padded
 * with zero weights.
 */
export interface BlockedWeights {
  classes: number;
  denseDims: number;
  /** The scales vectors.ts gives the two parts of a row. */
  sparseScale: number;
  denseScale: number;
  blocks: WeightBlock[];
}

/**
 * `scored`: per class, a weight vector as vectors.ts lays it out (hashed buckets, dense dims, bias). With `minus`,
 * each class is scored as w_c − minus (a softmax scores the same relative to one of its classes).
 */
export function blockWeights(scored: readonly Float32Array[], denseDims: number, minus: Float32Array | null = null): BlockedWeights {
  const length = weightLength(denseDims);
  const zero = new Float32Array(length);
  const base = minus ?? zero;
  const blocks: WeightBlock[] = [];
  for (let first = 0; first < scored.length; first += BLOCK) {
    const block = { sparse: new Float32Array(HASH_SIZE * BLOCK), denseAndBias: new Float64Array((length - HASH_SIZE) * BLOCK) };
    // Padding lanes score the zero vector (w − w): they stay 0.
    const lanes = Array.from({ length: BLOCK }, (_, lane) => scored[first + lane] ?? base);
    const [w0, w1, w2, w3] = lanes as [Float32Array, Float32Array, Float32Array, Float32Array];
    // One pass over the buckets writing four lanes side by side (a plain loop: this runs every re-score, over 2^18).
    for (let j = 0; j < HASH_SIZE; j++) {
      const b = base[j] as number;
      const at = j * BLOCK;
      block.sparse[at] = (w0[j] as number) - b;
      block.sparse[at + 1] = (w1[j] as number) - b;
      block.sparse[at + 2] = (w2[j] as number) - b;
      block.sparse[at + 3] = (w3[j] as number) - b;
    }
    for (let lane = 0; lane < BLOCK; lane++) {
      const w = lanes[lane] as Float32Array;
      for (let j = HASH_SIZE; j < length; j++) block.denseAndBias[(j - HASH_SIZE) * BLOCK + lane] = (w[j] as number) - (base[j] as number);
    }
    blocks.push(block);
  }
  const scale = partWeights(denseDims);
  return { classes: scored.length, denseDims, sparseScale: scale.sparse, denseScale: scale.dense, blocks };
}

/**
 * Every row's logits (bias included) for every class of `weights`, row r's at out[r · stride + offset …]: the
 * embedding part by the SIMD kernel where there is one, the rest by rowLogits.
 */
export function poolLogits(weights: BlockedWeights, rows: readonly FeatureRow[], out: Float64Array, stride: number, offset: number): void {
  const { denseDims, blocks } = weights;
  const columns = blocks.length * BLOCK;
  const kernel = denseDims > 0 ? denseKernel(columns) : null;
  if (kernel === null) {
    for (let r = 0; r < rows.length; r++) rowLogits(weights, rows[r] as FeatureRow, out, r * stride + offset);
    return;
  }
  kernel.setWeights(denseColumns(weights), denseDims, columns);
  const embeddings = rows.map((row) => row.dense);
  for (let from = 0; from < rows.length; from += kernel.chunkRows) {
    const to = Math.min(rows.length, from + kernel.chunkRows);
    const dense = kernel.score(embeddings, from, to);
    for (let r = from; r < to; r++) rowLogits(weights, rows[r] as FeatureRow, out, r * stride + offset, dense, (r - from) * columns);
  }
}

/** The embedding weights of every block side by side: dims × (blocks · 4). */
function denseColumns({ blocks, denseDims }: BlockedWeights): Float32Array {
  const columns = blocks.length * BLOCK;
  const out = new Float32Array(denseDims * columns);
  blocks.forEach(({ denseAndBias }, b) => {
    for (let j = 0; j < denseDims; j++) {
      for (let lane = 0; lane < BLOCK; lane++) out[j * columns + b * BLOCK + lane] = denseAndBias[j * BLOCK + lane] as number;
    }
  });
  return out;
}

/**
 * Writes the logits (bias included) of row x for every class of `weights` into logits[offset … offset + classes).
 * `denseSums`, when given, holds the embedding part's dot products (the kernel's output, block lanes from `at`).
 */
export function rowLogits(weights: BlockedWeights, x: FeatureRow, logits: Float64Array, offset: number, denseSums?: Float32Array, at = 0): void {
  const { denseDims, classes, sparseScale, denseScale } = weights;
  const dense = x.dense !== null && denseDims > 0 && denseSums === undefined ? x.dense : null;
  const denseLength = dense ? Math.min(denseDims, dense.length) : 0;
  const bias = denseDims * BLOCK;
  const { indices, values } = x.sparse;
  for (let b = 0; b < weights.blocks.length; b++) {
    const { sparse: w, denseAndBias: d } = weights.blocks[b] as WeightBlock;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < indices.length; i++) {
      const at = (indices[i] as number) * BLOCK;
      const v = values[i] as number;
      s0 += (w[at] as number) * v;
      s1 += (w[at + 1] as number) * v;
      s2 += (w[at + 2] as number) * v;
      s3 += (w[at + 3] as number) * v;
    }
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    if (dense) {
      for (let j = 0; j < denseLength; j++) {
        const at = j * BLOCK;
        const v = dense[j] as number;
        d0 += (d[at] as number) * v;
        d1 += (d[at + 1] as number) * v;
        d2 += (d[at + 2] as number) * v;
        d3 += (d[at + 3] as number) * v;
      }
    }
    if (denseSums !== undefined) {
      const from = at + b * BLOCK;
      d0 = denseSums[from] as number;
      d1 = denseSums[from + 1] as number;
      d2 = denseSums[from + 2] as number;
      d3 = denseSums[from + 3] as number;
    }
    // Lanes past the last class are padding: not written.
    const first = b * BLOCK;
    const out = offset + first;
    logits[out] = sparseScale * s0 + denseScale * d0 + (d[bias] as number);
    if (first + 1 < classes) logits[out + 1] = sparseScale * s1 + denseScale * d1 + (d[bias + 1] as number);
    if (first + 2 < classes) logits[out + 2] = sparseScale * s2 + denseScale * d2 + (d[bias + 2] as number);
    if (first + 3 < classes) logits[out + 3] = sparseScale * s3 + denseScale * d3 + (d[bias + 3] as number);
  }
}
