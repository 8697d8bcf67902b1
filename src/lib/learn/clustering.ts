// Spherical k-means (cosine similarity) with k-means++ seeding, for spreading a batch of picks over the different
// kinds of text in it. Rows are unit vectors, so "nearest centroid" is "largest dot product".
// A shortlist of a few dozen texts touches only a few thousand of the 2^18 hashed buckets, so the rows are first
// renumbered onto those buckets (keeping their order): centroids are then small dense arrays that stay in cache,
// and a row's dot product with one is a gather over the row's non-zeros.
import { HASH_SIZE } from './features';
import type { Rng } from './random';
import { partWeights, type FeatureRow } from './vectors';

const MAX_ITERATIONS = 10;

/** Cluster number (0..k−1) per row. Deterministic for a given rng state. */
export function clusterRows(input: FeatureRow[], k: number, rng: Rng): Int32Array {
  const assignment = new Int32Array(input.length);
  if (input.length === 0 || k <= 1) return assignment;
  const { rows, sparseDims } = renumberBuckets(input);
  const clusters = Math.min(k, rows.length);
  const denseDims = rows.reduce((dims, row) => Math.max(dims, row.dense?.length ?? 0), 0);
  const centroids = seedCentroids(rows, clusters, rng, (seed) => {
    const centroid = new Centroid(sparseDims, denseDims);
    centroid.recompute([seed]);
    return centroid;
  });

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let changed = false;
    rows.forEach((row, r) => {
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      centroids.forEach((centroid, c) => {
        const score = centroid.dot(row);
        if (score > bestScore) [best, bestScore] = [c, score];
      });
      if (iteration === 0 || assignment[r] !== best) changed = true;
      assignment[r] = best;
    });
    if (!changed) break;
    for (let c = 0; c < clusters; c++) {
      const members = rows.filter((_, r) => assignment[r] === c);
      // An emptied cluster keeps its old centre rather than vanishing: the caller asked for k groups.
      if (members.length > 0) (centroids[c] as Centroid).recompute(members);
    }
  }
  return assignment;
}

/**
 * The same rows with their hashed buckets renumbered 0..n−1 in bucket order, n being the buckets any row uses.
 * The order is kept, so every dot product and cosine is the same as on the original rows, term for term.
 */
function renumberBuckets(rows: FeatureRow[]): { rows: FeatureRow[]; sparseDims: number } {
  const used = new Uint8Array(HASH_SIZE);
  for (const row of rows) for (const j of row.sparse.indices) used[j] = 1;
  const local = new Int32Array(HASH_SIZE);
  let sparseDims = 0;
  for (let j = 0; j < HASH_SIZE; j++) if (used[j] === 1) local[j] = sparseDims++;
  const renumbered = rows.map((row) => {
    const indices = new Uint32Array(row.sparse.indices.length);
    for (let i = 0; i < indices.length; i++) indices[i] = local[row.sparse.indices[i] as number] as number;
    return { ...row, sparse: { indices, values: row.sparse.values } };
  });
  return { rows: renumbered, sparseDims };
}

/**
 * k-means++: each new seed is drawn with probability proportional to its squared distance from the nearest seed.
 * Distances are taken to the seeds as centroids (a gather over the row's non-zeros) rather than by merging two
 * sparse rows: for unit rows it is the same 2 − 2·cosine, at a fraction of the cost.
 */
function seedCentroids(rows: FeatureRow[], k: number, rng: Rng, centroidOf: (seed: FeatureRow) => Centroid): Centroid[] {
  const first = centroidOf(rows[Math.floor(rng() * rows.length)] as FeatureRow);
  const centroids = [first];
  const distance = rows.map((row) => 2 - 2 * first.dot(row));
  while (centroids.length < k) {
    const total = distance.reduce((a, b) => a + Math.max(0, b), 0);
    let pick = 0;
    if (total > 0) {
      let target = rng() * total;
      while (pick < rows.length - 1 && (target -= Math.max(0, distance[pick] as number)) > 0) pick++;
    } else {
      pick = centroids.length; // every row coincides with a seed: any distinct row will do
    }
    const next = centroidOf(rows[pick] as FeatureRow);
    centroids.push(next);
    rows.forEach((row, r) => (distance[r] = Math.min(distance[r] as number, 2 - 2 * next.dot(row))));
  }
  return centroids;
}

/** A unit vector in the joined space [a·sparse, b·dense]; remembers which buckets it touched so a reset is cheap. */
class Centroid {
  private readonly values: Float32Array;
  private touched: number[] = [];
  /** Marks the buckets already in `touched`, so each is listed once, in the order first met. */
  private readonly isTouched: Uint8Array;
  private readonly scale: { sparse: number; dense: number };

  constructor(
    private readonly sparseDims: number,
    private readonly denseDims: number,
  ) {
    this.values = new Float32Array(sparseDims + denseDims);
    this.isTouched = new Uint8Array(sparseDims);
    this.scale = partWeights(denseDims);
  }

  /** Becomes the members' mean, scaled to unit length. */
  recompute(members: FeatureRow[]): void {
    const v = this.values;
    const denseStart = this.sparseDims;
    for (const j of this.touched) {
      v[j] = 0;
      this.isTouched[j] = 0;
    }
    v.fill(0, denseStart);
    const touched: number[] = [];
    for (const row of members) {
      const { indices, values } = row.sparse;
      for (let i = 0; i < indices.length; i++) {
        const j = indices[i] as number;
        if (this.isTouched[j] === 0) {
          this.isTouched[j] = 1;
          touched.push(j);
        }
        v[j] = (v[j] as number) + this.scale.sparse * (values[i] as number);
      }
      if (row.dense) for (let j = 0; j < Math.min(this.denseDims, row.dense.length); j++) v[denseStart + j] = (v[denseStart + j] as number) + this.scale.dense * (row.dense[j] as number);
    }
    this.touched = touched;
    let squared = 0;
    for (const j of touched) squared += (v[j] as number) ** 2;
    for (let j = denseStart; j < v.length; j++) squared += (v[j] as number) ** 2;
    if (squared === 0) return;
    const inverse = 1 / Math.sqrt(squared);
    for (const j of touched) v[j] = (v[j] as number) * inverse;
    for (let j = denseStart; j < v.length; j++) v[j] = (v[j] as number) * inverse;
  }

  dot(row: FeatureRow): number {
    const v = this.values;
    const denseStart = this.sparseDims;
    const { indices, values } = row.sparse;
    let sparse = 0;
    for (let i = 0; i < indices.length; i++) sparse += (v[indices[i] as number] as number) * (values[i] as number);
    let dense = 0;
    if (row.dense) for (let j = 0; j < Math.min(this.denseDims, row.dense.length); j++) dense += (v[denseStart + j] as number) * (row.dense[j] as number);
    return this.scale.sparse * sparse + this.scale.dense * dense;
  }
}
