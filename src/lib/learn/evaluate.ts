// How good is the head right now? Only the human labels can say, so the estimate is k-fold cross-validation on
// them: every label is predicted once by a head that did not see it.
//
// Accuracy means exact match for single-label heads. For multi-label heads it is the per-label accuracy (the share
// of task × class yes/no decisions that are right, threshold 0.5): with several labels per task, the subset accuracy
// (all of a task's labels right) is mostly 0 early on and says little about progress; it is still reported by
// `subsetAccuracy` for those who want the strict figure.
import { predict, trainHead, type HeadMode, type HeadSpec, type TrainingExample } from './head';
import { createRng, shuffleInPlace } from './random';

/** Below this many labels a held-out estimate is noise: evaluate returns null. */
export const MIN_LABELS_FOR_ESTIMATE = 10;
const MAX_FOLDS = 5;
/** Fewer folds with few labels, so each held-out fold still has about this many labels. */
const LABELS_PER_FOLD = 5;

export type EvaluationSpec = Omit<HeadSpec, 'warmStart'>;

export interface CrossValidation {
  accuracy: number;
  subsetAccuracy: number;
  folds: number;
  /** Held-out probabilities of every example, in input order. */
  predictions: Float32Array[];
}

/** The estimated accuracy alone, or null under MIN_LABELS_FOR_ESTIMATE labels. */
export function crossValidatedAccuracy(examples: TrainingExample[], spec: EvaluationSpec, seed = 1): number | null {
  return crossValidate(examples, spec, seed)?.accuracy ?? null;
}

export function crossValidate(examples: TrainingExample[], spec: EvaluationSpec, seed = 1): CrossValidation | null {
  if (examples.length < MIN_LABELS_FOR_ESTIMATE) return null;
  const folds = Math.max(2, Math.min(MAX_FOLDS, Math.floor(examples.length / LABELS_PER_FOLD)));
  const foldOf = stratifiedFolds(examples.map((e) => e.y), folds, seed);
  const predictions = new Array<Float32Array>(examples.length);
  for (let fold = 0; fold < folds; fold++) {
    const training = examples.filter((_, i) => foldOf[i] !== fold);
    const { weights } = trainHead(training, spec);
    examples.forEach((e, i) => {
      if (foldOf[i] === fold) predictions[i] = predict(weights, e.x);
    });
  }
  const truths = examples.map((e) => e.y);
  return {
    accuracy: accuracy(predictions, truths, spec.mode),
    subsetAccuracy: subsetAccuracy(predictions, truths, spec.mode),
    folds,
    predictions,
  };
}

/**
 * Fold number per example. Examples are grouped by their label set, each group shuffled (seeded) and the groups
 * dealt out in turn, so every fold gets its share of each class — a rare class does not end up all in one fold.
 */
export function stratifiedFolds(labels: number[][], folds: number, seed: number): Int32Array {
  const groups = new Map<string, number[]>();
  labels.forEach((y, i) => {
    const key = [...y].sort((a, b) => a - b).join(',');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const rng = createRng(seed);
  const dealt: number[] = [];
  for (const key of [...groups.keys()].sort()) dealt.push(...shuffleInPlace(groups.get(key) as number[], rng));
  const foldOf = new Int32Array(labels.length);
  dealt.forEach((example, position) => (foldOf[example] = position % folds));
  return foldOf;
}

/** The predicted class set: the most probable class (single) or every class at p ≥ 0.5 (multi). */
export function predictedClasses(probs: Float32Array, mode: HeadMode): number[] {
  if (mode === 'multi') return [...probs.keys()].filter((c) => (probs[c] as number) >= 0.5);
  let best = 0;
  for (let c = 1; c < probs.length; c++) if ((probs[c] as number) > (probs[best] as number)) best = c;
  return [best];
}

/** Exact match (single) or per-label accuracy (multi); see the file comment. */
export function accuracy(predictions: Float32Array[], truths: number[][], mode: HeadMode): number {
  if (mode === 'single') return subsetAccuracy(predictions, truths, mode);
  let right = 0;
  let decisions = 0;
  predictions.forEach((probs, i) => {
    const truth = new Set(truths[i]);
    for (let c = 0; c < probs.length; c++) if ((probs[c] as number) >= 0.5 === truth.has(c)) right++;
    decisions += probs.length;
  });
  return decisions === 0 ? 0 : right / decisions;
}

/** Share of examples whose whole predicted class set is right. */
export function subsetAccuracy(predictions: Float32Array[], truths: number[][], mode: HeadMode): number {
  if (predictions.length === 0) return 0;
  let right = 0;
  predictions.forEach((probs, i) => {
    const predicted = predictedClasses(probs, mode);
    const truth = [...new Set(truths[i])].sort((a, b) => a - b);
    if (predicted.length === truth.length && predicted.every((c, k) => c === truth[k])) right++;
  });
  return right / predictions.length;
}
