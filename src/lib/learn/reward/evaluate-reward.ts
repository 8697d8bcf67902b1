// How often does the reward model pick the response people preferred? Only the judgements can say, so the estimate
// is k-fold cross-validation over them, as evaluate.ts does for the classifier head: every judgement's pairs are
// predicted once by a model that saw none of them (a judgement's pairs stay in one fold, so a ranking's or a tie's
// halves never teach their own test). Wins are scored (P(winner over loser) > ½, exactly ½ counts half); ties train
// but are not scored, since no pick can be right or wrong on them.
//
// The same held-out models also give what the shown confidence is calibrated on (calibration.ts): for each
// judgement with a preferred response, P(each response is the best) from the model that did not see it, raw (the
// calibration in use is not applied to its own evidence), and which response the annotator preferred.
import type { FeatureRow } from '../vectors';
import { createRng, shuffleInPlace } from '../random';
import { choiceProbabilities, preferenceProbability, rewardScore, trainReward, type PreferencePair, type RewardSpec } from './bradley-terry';

/** One judgement as cross-validation reads it. */
export interface JudgedTask {
  /** Its pairs (judgement-pairs.ts); empty when it teaches no order. */
  pairs: readonly PreferencePair[];
  /** Every response's row, in the task's order. */
  responses: readonly FeatureRow[];
  /** The position in `responses` of the response preferred over all others; null for a tie or no preference. */
  preferred: number | null;
}

export interface RewardValidation {
  /** Held-out pairwise accuracy; null under MIN_JUDGEMENTS_FOR_ESTIMATE judgements with a winner. */
  accuracy: number | null;
  /** Per judgement with a preferred response: P(each response is the best) from a model that did not see it. */
  heldOut: Float32Array[];
  /** The preferred response's position, for each of heldOut. */
  truths: number[];
}

/** Below this many judgements with a winner, a held-out estimate is noise: null. */
export const MIN_JUDGEMENTS_FOR_ESTIMATE = 10;
const MAX_FOLDS = 5;
const JUDGEMENTS_PER_FOLD = 5;

/** `judgements`: each judgement's pairs (judgement-pairs.ts), in any order. */
export function crossValidatedPairAccuracy(judgements: readonly (readonly PreferencePair[])[], spec: Omit<RewardSpec, 'warmStart'>, seed = 1): number | null {
  return crossValidateReward(
    judgements.map((pairs) => ({ pairs, responses: [], preferred: null })),
    spec,
    seed,
  ).accuracy;
}

/** Held-out accuracy and held-out choice probabilities, from the same folds; nothing under the minimum. */
export function crossValidateReward(judgements: readonly JudgedTask[], spec: Omit<RewardSpec, 'warmStart'>, seed = 1): RewardValidation {
  const validation: RewardValidation = { accuracy: null, heldOut: [], truths: [] };
  const scored = judgements.filter((j) => j.pairs.some(isWin));
  if (scored.length < MIN_JUDGEMENTS_FOR_ESTIMATE) return validation;
  const folds = Math.max(2, Math.min(MAX_FOLDS, Math.floor(scored.length / JUDGEMENTS_PER_FOLD)));
  const order = shuffleInPlace(judgements.map((_, i) => i), createRng(seed));
  const foldOf = new Int32Array(judgements.length);
  order.forEach((judgement, position) => (foldOf[judgement] = position % folds));
  let right = 0;
  let total = 0;
  for (let fold = 0; fold < folds; fold++) {
    const training = judgements.filter((_, i) => foldOf[i] !== fold).flatMap((j) => j.pairs);
    if (training.length === 0) continue;
    const { weights } = trainReward(training, spec);
    judgements.forEach((judgement, i) => {
      if (foldOf[i] !== fold) return;
      for (const pair of judgement.pairs.filter(isWin)) {
        const p = preferenceProbability(weights, pair.winner, pair.loser);
        right += p > 0.5 ? 1 : p === 0.5 ? 0.5 : 0;
        total++;
      }
      if (judgement.preferred === null || judgement.responses.length < 2) return;
      const scores = Float64Array.from(judgement.responses, (row) => rewardScore(weights, row));
      validation.heldOut.push(choiceProbabilities(scores, new Float32Array(scores.length)));
      validation.truths.push(judgement.preferred);
    });
  }
  validation.accuracy = total === 0 ? null : right / total;
  return validation;
}

function isWin(pair: PreferencePair): boolean {
  return (pair.weight ?? 1) >= 1;
}
