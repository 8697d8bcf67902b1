// How often does the reward model pick the response people preferred? Only the judgements can say, so the estimate
// is k-fold cross-validation over them, as evaluate.ts does for the classifier head: every judgement's pairs are
// predicted once by a model that saw none of them (a judgement's pairs stay in one fold, so a ranking's or a tie's
// halves never teach their own test). Wins are scored (P(winner over loser) > ½, exactly ½ counts half); ties train
// but are not scored, since no pick can be right or wrong on them.
import { createRng, shuffleInPlace } from '../random';
import { preferenceProbability, trainReward, type PreferencePair, type RewardSpec } from './bradley-terry';

/** Below this many judgements with a winner, a held-out estimate is noise: null. */
export const MIN_JUDGEMENTS_FOR_ESTIMATE = 10;
const MAX_FOLDS = 5;
const JUDGEMENTS_PER_FOLD = 5;

/** `judgements`: each judgement's pairs (judgement-pairs.ts), in any order. */
export function crossValidatedPairAccuracy(judgements: readonly (readonly PreferencePair[])[], spec: Omit<RewardSpec, 'warmStart'>, seed = 1): number | null {
  const scored = judgements.filter((pairs) => pairs.some(isWin));
  if (scored.length < MIN_JUDGEMENTS_FOR_ESTIMATE) return null;
  const folds = Math.max(2, Math.min(MAX_FOLDS, Math.floor(scored.length / JUDGEMENTS_PER_FOLD)));
  const order = shuffleInPlace(judgements.map((_, i) => i), createRng(seed));
  const foldOf = new Int32Array(judgements.length);
  order.forEach((judgement, position) => (foldOf[judgement] = position % folds));
  let right = 0;
  let total = 0;
  for (let fold = 0; fold < folds; fold++) {
    const training = judgements.filter((_, i) => foldOf[i] !== fold).flat();
    if (training.length === 0) continue;
    const { weights } = trainReward(training, spec);
    judgements.forEach((pairs, i) => {
      if (foldOf[i] !== fold) return;
      for (const pair of pairs.filter(isWin)) {
        const p = preferenceProbability(weights, pair.winner, pair.loser);
        right += p > 0.5 ? 1 : p === 0.5 ? 0.5 : 0;
        total++;
      }
    });
  }
  return total === 0 ? null : right / total;
}

function isWin(pair: PreferencePair): boolean {
  return (pair.weight ?? 1) >= 1;
}
