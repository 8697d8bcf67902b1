// Spherical k-means (cosine similarity) with k-means++ seeding, for spreading a batch of picks over the different
// kinds of text in it. Rows are unit vectors, so "nearest centroid" is "largest dot product".
// Centroids are kept as dense arrays over the joined feature space: a row's dot product with one is then a gather
// over the row's non-zeros, which is what keeps clustering cheap for sparse text features.
import { HASH_SIZE } from './features';
import type { Rng } from './random';
import { cosine, partWeights, type FeatureRow } from './vectors';

const MAX_ITERATIONS = 10;

/** Cluster number (0..k−1) per row. Deterministic for a given rng state. */
export function clusterRows(rows: FeatureRow[], k: number, rng: Rng): Int32Array {
  const assignment = new Int32Array(rows.length);
  if (rows.length === 0 || k <= 1) return assignment;
  const clusters = Math.min(k, rows.length);
  const denseDims = rows.reduce((dims, row) => Math.max(dims, row.dense?.length ?? 0), 0);
  const centroids = seedCentroids(rows, clusters, rng).map((r) => toCentroid([rows[r] as FeatureRow], denseDims));

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let changed = false;
    rows.forEach((row, r) => {
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      centroids.forEach((centroid, c) => {
        const score = dotCentroid(row, centroid, denseDims);
        if (score > bestScore) [best, bestScore] = [c, score];
      });
      if (iteration === 0 || assignment[r] !== best) changed = true;
      assignment[r] = best;
    });
    if (!changed) break;
    for (let c = 0; c < clusters; c++) {
      const members = rows.filter((_, r) => assignment[r] === c);
      // An emptied cluster keeps its old centre rather than vanishing: the caller asked for k groups.
      if (members.length > 0) centroids[c] = toCentroid(members, denseDims);
    }
  }
  return assignment;
}

/** k-means++: each new seed is drawn with probability proportional to its squared distance from the nearest seed. */
function seedCentroids(rows: FeatureRow[], k: number, rng: Rng): number[] {
  const seeds = [Math.floor(rng() * rows.length)];
  const distance = rows.map((row) => 2 - 2 * cosine(row, rows[seeds[0] as number] as FeatureRow));
  while (seeds.length < k) {
    const total = distance.reduce((a, b) => a + Math.max(0, b), 0);
    let pick = 0;
    if (total > 0) {
      let target = rng() * total;
      while (pick < rows.length - 1 && (target -= Math.max(0, distance[pick] as number)) > 0) pick++;
    } else {
      pick = seeds.length; // every row coincides with a seed: any distinct row will do
    }
    seeds.push(pick);
    rows.forEach((row, r) => (distance[r] = Math.min(distance[r] as number, 2 - 2 * cosine(row, rows[pick] as FeatureRow))));
  }
  return seeds;
}

/** The members' mean in the joined space [a·sparse, b·dense], scaled to unit length. */
function toCentroid(members: FeatureRow[], denseDims: number): Float32Array {
  const scale = partWeights(denseDims);
  const centroid = new Float32Array(HASH_SIZE + denseDims);
  for (const row of members) {
    const { indices, values } = row.sparse;
    for (let i = 0; i < indices.length; i++) {
      const j = indices[i] as number;
      centroid[j] = (centroid[j] as number) + scale.sparse * (values[i] as number);
    }
    if (row.dense) for (let j = 0; j < row.dense.length; j++) centroid[HASH_SIZE + j] = (centroid[HASH_SIZE + j] as number) + scale.dense * (row.dense[j] as number);
  }
  let squared = 0;
  for (const v of centroid) squared += v * v;
  if (squared > 0) {
    const inverse = 1 / Math.sqrt(squared);
    for (let j = 0; j < centroid.length; j++) centroid[j] = (centroid[j] as number) * inverse;
  }
  return centroid;
}

function dotCentroid(row: FeatureRow, centroid: Float32Array, denseDims: number): number {
  const scale = partWeights(denseDims);
  const { indices, values } = row.sparse;
  let sum = 0;
  for (let i = 0; i < indices.length; i++) sum += scale.sparse * (centroid[indices[i] as number] as number) * (values[i] as number);
  if (row.dense) for (let j = 0; j < row.dense.length; j++) sum += scale.dense * (centroid[HASH_SIZE + j] as number) * (row.dense[j] as number);
  return sum;
}
