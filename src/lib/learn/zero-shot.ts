// Cold start: before anyone has labelled anything, a task is scored by how close its text is to each label's name
// and description. With a transformer embedding that is a real (if weak) signal; with hashed features alone it only
// fires when the task shares words with a label, and otherwise every similarity is 0 and the scores are uniform —
// an honest "no idea" rather than an invented preference.
//
// How sure the zero-shot guess may sound is learned per project, like the head's calibration: its temperature is
// fitted to the labelled tasks (their zero-shot scores against the labels the annotator chose), and a ceiling caps
// its top score at what its record supports. Before any label the record is empty, and the guess starts at a
// ceiling below "likely": the annotator cannot mistake it for certainty.
import { fitTemperature } from './calibration';
import { cosine, type FeatureRow } from './vectors';

/**
 * Sentence-embedding cosines of related and unrelated texts differ by a few hundredths to a tenth; a temperature of
 * 0.05 turns a 0.1 lead into odds of e² ≈ 7:1, firm enough to sort by and soft enough to be overruled by labels.
 * It is the start, and the scale the fitted temperature is found on.
 */
export const DEFAULT_TEMPERATURE = 0.05;

/** How many human labels weigh as much as the zero-shot guess (see blendWeight and fitZeroShot). */
export const ZERO_SHOT_PRIOR_LABELS = 10;

/** The zero-shot's top score before any label: under the 0.7 of "likely", so it always reads "unsure". */
export const ZERO_SHOT_START_CEILING = 0.6;

export interface ZeroShotFit {
  temperature: number;
  /** The highest top score shown: the scores are pulled toward uniform until their top is at most this. */
  ceiling: number;
}

export const ZERO_SHOT_START: ZeroShotFit = { temperature: DEFAULT_TEMPERATURE, ceiling: ZERO_SHOT_START_CEILING };

/**
 * The zero-shot's fit to the labels so far. `scores[i]`: zeroShotScores of labelled task i at DEFAULT_TEMPERATURE;
 * `truths[i]`: the class indices chosen for it.
 * - temperature: the one that best explains the chosen labels (negative log-likelihood, as calibration.ts fits the
 *   head's; a task with several labels counts each);
 * - ceiling: how often the zero-shot's top label was chosen, as a rate with the start's ceiling for a prior worth
 *   ZERO_SHOT_PRIOR_LABELS labels: ten labels all guessed right allow 0.8, forty allow 0.92.
 */
export function fitZeroShot(scores: readonly Float32Array[], truths: readonly (readonly number[])[]): ZeroShotFit {
  const predictions: Float32Array[] = [];
  const classes: number[] = [];
  let right = 0;
  scores.forEach((p, i) => {
    const truth = truths[i] ?? [];
    for (const c of truth) {
      predictions.push(p);
      classes.push(c);
    }
    if (truth.includes(topClass(p))) right++;
  });
  if (predictions.length === 0) return ZERO_SHOT_START;
  // Scores at DEFAULT_TEMPERATURE taken to the power 1/m are the scores at DEFAULT_TEMPERATURE · m.
  const temperature = DEFAULT_TEMPERATURE * fitTemperature(predictions, classes);
  const prior = ZERO_SHOT_PRIOR_LABELS;
  return { temperature, ceiling: Math.max(ZERO_SHOT_START_CEILING, (right + prior * ZERO_SHOT_START_CEILING) / (scores.length + prior)) };
}

/** Scores as fitted: at the fitted temperature, pulled toward uniform where their top is above the ceiling. */
export function fittedZeroShotScores(task: FeatureRow, labels: FeatureRow[], fit: ZeroShotFit): Float32Array {
  return underCeiling(zeroShotScores(task, labels, fit.temperature), fit.ceiling);
}

/** u + s·(p − u) with the largest s ≤ 1 that keeps the top score at most `ceiling`: the order of classes is kept. */
export function underCeiling(scores: Float32Array, ceiling: number): Float32Array {
  const uniform = 1 / scores.length;
  const top = scores[topClass(scores)] as number;
  if (top <= ceiling || top <= uniform) return scores;
  const s = Math.max(0, (ceiling - uniform) / (top - uniform));
  return scores.map((p) => uniform + s * (p - uniform));
}

function topClass(scores: Float32Array): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
  return best;
}

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
