// How typical a candidate is of the pool: its mean cosine similarity to every row. Rows are unit vectors, so that
// is its dot product with the pool's mean row: one pass over the pool, then one sparse dot per candidate.
// Uncertainty sampling alone favours outliers (a mail of one odd word is uncertain too); weighing uncertainty by
// typicality — "information density" (Settles & Craven, 2008) — prefers the unsure cases that stand for many others.
import { HASH_SIZE } from './features';
import { partWeights, type FeatureRow } from './vectors';

/** Mean cosine similarity of rows[c] to every row of `rows`, for each c in `candidates` (same order). */
export function typicality(rows: readonly FeatureRow[], candidates: readonly number[]): Float64Array {
  const out = new Float64Array(candidates.length);
  if (rows.length === 0) return out;
  const sparseMean = new Float64Array(HASH_SIZE);
  let denseMean: Float64Array | null = null;
  for (const row of rows) {
    // Each part as it sits in the row's joined vector (see vectors.ts), so the mean is the mean joined row.
    const scale = partWeights(row.dense?.length ?? 0);
    const { indices, values } = row.sparse;
    for (let i = 0; i < indices.length; i++) {
      const bucket = indices[i] as number;
      sparseMean[bucket] = (sparseMean[bucket] as number) + scale.sparse * (values[i] as number);
    }
    if (row.dense !== null) {
      denseMean ??= new Float64Array(row.dense.length);
      const dims = Math.min(denseMean.length, row.dense.length);
      for (let j = 0; j < dims; j++) denseMean[j] = (denseMean[j] as number) + scale.dense * (row.dense[j] as number);
    }
  }
  candidates.forEach((r, k) => {
    const row = rows[r] as FeatureRow;
    const scale = partWeights(row.dense?.length ?? 0);
    const { indices, values } = row.sparse;
    let sparse = 0;
    for (let i = 0; i < indices.length; i++) sparse += (sparseMean[indices[i] as number] as number) * (values[i] as number);
    let dense = 0;
    if (row.dense !== null && denseMean !== null) {
      const dims = Math.min(denseMean.length, row.dense.length);
      for (let j = 0; j < dims; j++) dense += (denseMean[j] as number) * (row.dense[j] as number);
    }
    out[k] = (scale.sparse * sparse + scale.dense * dense) / rows.length;
  });
  return out;
}
