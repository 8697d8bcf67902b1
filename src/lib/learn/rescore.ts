// Re-scoring a whole pool: every row's logits against every class, the largest cost after a retrain in a big
// project (100,000 tasks × classes × (non-zeros + embedding dims)). Scored one class at a time, a row's features are
// read once per class; here classes go in blocks of four whose weights are interleaved (four classes of one feature
// side by side), so a row is read once per block and each read feeds four running sums. The embedding part of a
// block (a few kilobytes, read for every row) is held in Float64, which spares a conversion per weight read.
import { HASH_SIZE } from './features';
import { partWeights, weightLength, type FeatureRow } from './vectors';

const BLOCK = 4;

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

/** `scored`: per class, a weight vector as vectors.ts lays it out (hashed buckets, dense dims, bias). */
export function blockWeights(scored: readonly Float32Array[], denseDims: number): BlockedWeights {
  const length = weightLength(denseDims);
  const blocks: WeightBlock[] = [];
  for (let first = 0; first < scored.length; first += BLOCK) {
    const block = { sparse: new Float32Array(HASH_SIZE * BLOCK), denseAndBias: new Float64Array((length - HASH_SIZE) * BLOCK) };
    for (let lane = 0; lane < BLOCK && first + lane < scored.length; lane++) {
      const w = scored[first + lane] as Float32Array;
      for (let j = 0; j < HASH_SIZE; j++) block.sparse[j * BLOCK + lane] = w[j] as number;
      for (let j = HASH_SIZE; j < length; j++) block.denseAndBias[(j - HASH_SIZE) * BLOCK + lane] = w[j] as number;
    }
    blocks.push(block);
  }
  const scale = partWeights(denseDims);
  return { classes: scored.length, denseDims, sparseScale: scale.sparse, denseScale: scale.dense, blocks };
}

/** Writes the logits (bias included) of row x for every class of `weights` into logits[offset … offset + classes). */
export function rowLogits(weights: BlockedWeights, x: FeatureRow, logits: Float64Array, offset: number): void {
  const { denseDims, classes, sparseScale, denseScale } = weights;
  const dense = x.dense !== null && denseDims > 0 ? x.dense : null;
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
    // Lanes past the last class are padding: not written.
    const first = b * BLOCK;
    const out = offset + first;
    logits[out] = sparseScale * s0 + denseScale * d0 + (d[bias] as number);
    if (first + 1 < classes) logits[out + 1] = sparseScale * s1 + denseScale * d1 + (d[bias + 1] as number);
    if (first + 2 < classes) logits[out + 2] = sparseScale * s2 + denseScale * d2 + (d[bias + 2] as number);
    if (first + 3 < classes) logits[out + 3] = sparseScale * s3 + denseScale * d3 + (d[bias + 3] as number);
  }
}
