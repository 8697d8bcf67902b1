// The rows the reward model reads. A response is scored on its own hashed words (and embedding, when a model is
// active) plus "echo" features: the response's words that also occur in the prompt, hashed into buckets of their
// own. Bradley–Terry only ever sees the difference of two responses' rows, and both answer the same prompt, so
// prompt features concatenated to each row would cancel out; an interaction with the response is what survives.
// The echo is the cheapest interaction that means something (does the reply take up what was asked?) and costs
// no more than the response's own non-zeros.
import { HASH_BITS, type SparseVector } from '../features';
import type { FeatureRow } from '../vectors';

/** Echo features are half as loud as the response's own words: they add to them, they do not drown them. */
const ECHO_SCALE = 0.5;
// Odd 32-bit constants for a multiplicative hash of a bucket into the echo's own bucket (top HASH_BITS bits).
const ECHO_SALT = 0x6563686f;
const GOLDEN = 0x9e3779b1;

function echoBucket(bucket: number): number {
  return Math.imul(bucket ^ ECHO_SALT, GOLDEN) >>> (32 - HASH_BITS);
}

/** One response's row: its words, the words it shares with the prompt (as echo buckets), its embedding. */
export function responseRow(prompt: SparseVector, response: SparseVector, embedding: Float32Array | null = null): FeatureRow {
  const echoes = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < prompt.indices.length && j < response.indices.length) {
    const p = prompt.indices[i] as number;
    const r = response.indices[j] as number;
    if (p === r) {
      const bucket = echoBucket(r);
      echoes.set(bucket, (echoes.get(bucket) ?? 0) + ECHO_SCALE * (response.values[j] as number));
      i++;
      j++;
    } else if (p < r) i++;
    else j++;
  }
  if (echoes.size === 0) return { sparse: response, dense: embedding };
  const indices = Uint32Array.from(echoes.keys()).sort();
  const echo: SparseVector = { indices, values: Float32Array.from(indices, (k) => echoes.get(k) as number) };
  return { sparse: combineSparse(response, echo, 1), dense: embedding };
}

/** a − b: what a Bradley–Terry pair is trained on. An embedding only one side has is left out (it is not comparable). */
export function differenceRow(a: FeatureRow, b: FeatureRow): FeatureRow {
  return { sparse: combineSparse(a.sparse, b.sparse, -1), dense: combineDense(a.dense, b.dense, -1) };
}

/** a + b: the pair as a whole, regardless of which side is shown first (what diversity is measured on). */
export function sumRow(a: FeatureRow, b: FeatureRow): FeatureRow {
  return { sparse: combineSparse(a.sparse, b.sparse, 1), dense: combineDense(a.dense, b.dense, 1) };
}

/** a + sign·b over the union of their buckets; exact zeros (a bucket both sides share equally) are dropped. */
function combineSparse(a: SparseVector, b: SparseVector, sign: 1 | -1): SparseVector {
  const indices = new Uint32Array(a.indices.length + b.indices.length);
  const values = new Float32Array(indices.length);
  let i = 0;
  let j = 0;
  let k = 0;
  const put = (index: number, value: number): void => {
    if (value === 0) return;
    indices[k] = index;
    values[k++] = value;
  };
  while (i < a.indices.length || j < b.indices.length) {
    const ai = i < a.indices.length ? (a.indices[i] as number) : Number.POSITIVE_INFINITY;
    const bj = j < b.indices.length ? (b.indices[j] as number) : Number.POSITIVE_INFINITY;
    if (ai === bj) put(ai, (a.values[i++] as number) + sign * (b.values[j++] as number));
    else if (ai < bj) put(ai, a.values[i++] as number);
    else put(bj, sign * (b.values[j++] as number));
  }
  return { indices: indices.slice(0, k), values: values.slice(0, k) };
}

function combineDense(a: Float32Array | null, b: Float32Array | null, sign: 1 | -1): Float32Array | null {
  if (a === null || b === null || a.length !== b.length) return null;
  return a.map((value, j) => value + sign * (b[j] as number));
}
