// The head's training problem in compact form. Labelled texts touch only a small part of the 2^18 hashed buckets,
// and a bucket no example touches has weight 0 at the optimum (only the L2 penalty acts on it), so the optimiser
// works on the touched buckets alone: 1,000 labelled emails are ~10^5 parameters per class instead of 2.6·10^5.
import { HASH_SIZE } from './features';
import { partWeights, type FeatureRow } from './vectors';

export type HeadMode = 'single' | 'multi';

export interface CompactProblem {
  mode: HeadMode;
  classes: number;
  rows: number;
  denseDims: number;
  /** Global bucket of each local sparse column. */
  buckets: Uint32Array;
  /**
   * Columns: local sparse columns, then dense dims, then the bias — a constant feature of value 1, penalised like
   * the others (LIBLINEAR's convention), which keeps the dual solver free of an equality constraint.
   */
  width: number;
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
  /** rows × denseDims, already scaled by the dense part weight; zeros where a row has no embedding. */
  dense: Float64Array;
  /** single: rows entries, the class index. multi: rows × classes entries, 1 when the class applies. */
  targets: Int32Array;
  /** single: rows entries. multi: rows × classes entries (balancing is per class there). */
  sampleWeights: Float64Array;
  l2: number;
}

// One map from global bucket to local column, reused between trainings and reset after each: allocating and
// clearing 2^18 entries per round would cost more than the training of a small batch.
const localColumn = new Int32Array(HASH_SIZE).fill(-1);

export function buildProblem(
  rows: FeatureRow[],
  mode: HeadMode,
  classes: number,
  denseDims: number,
  targets: Int32Array,
  sampleWeights: Float64Array,
  l2: number,
): CompactProblem {
  const { sparse: sparseScale, dense: denseScale } = partWeights(denseDims);
  let nonZeros = 0;
  for (const row of rows) nonZeros += row.sparse.indices.length;
  const rowStart = new Int32Array(rows.length + 1);
  const columns = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  const dense = new Float64Array(rows.length * denseDims);
  // Local columns in order of first appearance; renumbered by frequency below.
  const bucketOf = new Uint32Array(Math.min(nonZeros, HASH_SIZE));
  const frequency = new Int32Array(bucketOf.length);
  let width = 0;
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as FeatureRow;
    const { indices, values: rowValues } = row.sparse;
    for (let i = 0; i < indices.length; i++) {
      const bucket = indices[i] as number;
      let column = localColumn[bucket] as number;
      if (column < 0) {
        column = width++;
        localColumn[bucket] = column;
        bucketOf[column] = bucket;
      }
      frequency[column] = (frequency[column] as number) + 1;
      columns[k] = column;
      values[k++] = (rowValues[i] as number) * sparseScale;
    }
    rowStart[r + 1] = k;
    if (row.dense !== null && denseDims > 0) {
      for (let j = 0; j < Math.min(denseDims, row.dense.length); j++) dense[r * denseDims + j] = (row.dense[j] as number) * denseScale;
    }
  }
  for (let column = 0; column < width; column++) localColumn[bucketOf[column] as number] = -1;
  const byFrequency = orderByFrequency(frequency, width);
  const rank = byFrequency.rank;
  for (let i = 0; i < nonZeros; i++) columns[i] = rank[columns[i] as number] as number;
  const buckets = new Uint32Array(width);
  for (let position = 0; position < width; position++) buckets[position] = bucketOf[byFrequency.order[position] as number] as number;
  return {
    mode,
    classes,
    rows: rows.length,
    denseDims,
    buckets,
    width: width + denseDims + 1,
    rowStart,
    columns,
    values,
    dense,
    targets,
    sampleWeights,
    l2,
  };
}

/**
 * Local columns ordered by how many rows use them. Text features follow a power law, so most of the scattered
 * reads and writes of training then hit the first few thousand parameters, which stay in the CPU cache.
 */
function orderByFrequency(frequency: Int32Array, width: number): { order: Int32Array; rank: Int32Array } {
  let highest = 0;
  for (let column = 0; column < width; column++) highest = Math.max(highest, frequency[column] as number);
  // Counting sort, most frequent first, ties in order of first appearance: linear, and no comparator calls.
  const start = new Int32Array(highest + 2);
  for (let column = 0; column < width; column++) {
    const slot = highest - (frequency[column] as number) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let i = 1; i < start.length; i++) start[i] = (start[i] as number) + (start[i - 1] as number);
  const order = new Int32Array(width);
  const rank = new Int32Array(width);
  for (let column = 0; column < width; column++) {
    const slot = highest - (frequency[column] as number);
    const position = start[slot] as number;
    start[slot] = position + 1;
    order[position] = column;
    rank[column] = position;
  }
  return { order, rank };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
