// Cold start: before anyone has labelled anything, a task is scored by how close its text is to each label's name
// and description. With a transformer embedding that is a real (if weak) signal; with hashed features alone it only
// fires when the task shares words with a label, and otherwise every similarity is 0 and the scores are uniform —
// an honest "no idea" rather than an invented preference.
import { cosine, type FeatureRow } from './vectors';

/**
 * Sentence-embedding cosines of related and unrelated texts differ by a few hundredths to a tenth; a temperature of
 * 0.05 turns a 0.1 lead into odds of e² ≈ 7:1, firm enough to sort by and soft enough to be overruled by labels.
 */
export const DEFAULT_TEMPERATURE = 0.05;

/** How many human labels weigh as much as the zero-shot guess (see blendWeight). */
export const ZERO_SHOT_PRIOR_LABELS = 10;

/** Softmax over classes of cosine(task, label) / temperature. `labels[c]` is the row of "name description". */
export function zeroShotScores(task: FeatureRow, labels: FeatureRow[], temperature = DEFAULT_TEMPERATURE): Float32Array {
  const logits = labels.map((label) => cosine(task, label) / temperature);
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return Float32Array.from(exps, (e) => e / sum);
}

/**
 * Share of the zero-shot scores once `labelledCount` labels exist: k / (k + n). Half-and-half at k labels, and
 * fading like a prior that the evidence gradually outweighs, never switching off abruptly.
 */
export function blendWeight(labelledCount: number, priorLabels = ZERO_SHOT_PRIOR_LABELS): number {
  return priorLabels / (priorLabels + Math.max(0, labelledCount));
}

/** weight · zeroShot + (1 − weight) · head, class by class. */
export function blend(zeroShot: Float32Array, head: Float32Array, weight: number): Float32Array {
  const out = new Float32Array(head.length);
  for (let c = 0; c < head.length; c++) out[c] = weight * (zeroShot[c] ?? 0) + (1 - weight) * (head[c] as number);
  return out;
}
