// The reward model's shown confidence is calibrated on held-out predictions of the judgements (crossValidateReward
// → ConfidenceTracker): a reward model that is too sure is toned down, a timid one sharpened, and either way the
// confidence then says how often it is right on pairs it has never seen. (With many more dimensions than judgements
// the folds' models, trained on 4/5 of them, are surer than the full one, and the fit tones it down too far: a
// shown confidence then errs low; see docs/architecture.md.)
import { describe, expect, it } from 'vitest';
import { ConfidenceTracker } from '../../../../src/lib/learn/confidence-tracker';
import { createRng, type Rng } from '../../../../src/lib/learn/random';
import { expectedCalibrationError, reliabilityBins } from '../../../../src/lib/learn/reliability';
import { choiceProbabilities, rewardScore, trainReward, type RewardWeights } from '../../../../src/lib/learn/reward/bradley-terry';
import { crossValidateReward, type JudgedTask } from '../../../../src/lib/learn/reward/evaluate-reward';
import type { FeatureRow } from '../../../../src/lib/learn/vectors';

const DIMS = 8;
const NO_WORDS = { indices: new Uint32Array(0), values: new Float32Array(0) };

/**
 * Pairs of responses with random embeddings; the annotator prefers a over b with the true Bradley–Terry chance
 * σ(4·(a₀ − b₀)): only the first axis matters, the other 7 are noise a model can overfit.
 */
function judgedPairs(rng: Rng, count: number): JudgedTask[] {
  return Array.from({ length: count }, () => {
    const [a, b] = [0, 1].map((): FeatureRow => ({ sparse: NO_WORDS, dense: Float32Array.from({ length: DIMS }, () => rng() * 2 - 1) })) as [FeatureRow, FeatureRow];
    const aWins = rng() < 1 / (1 + Math.exp(-4 * ((a.dense![0] as number) - (b.dense![0] as number))));
    const [winner, loser] = aWins ? [a, b] : [b, a];
    return { pairs: [{ winner, loser }], responses: [a, b], preferred: aWins ? 0 : 1 };
  });
}

function chances(model: RewardWeights, responses: readonly FeatureRow[]): Float32Array {
  return choiceProbabilities(Float64Array.from(responses, (row) => rewardScore(model, row)), new Float32Array(responses.length));
}

/** ECE and mean confidence of the preferred response on unseen pairs, as shown (`shown` maps raw chances). */
function onUnseen(model: RewardWeights, test: readonly JudgedTask[], shown: (p: Float32Array) => Float32Array): { ece: number; confidence: number; accuracy: number } {
  const confidences: number[] = [];
  const right: boolean[] = [];
  for (const task of test) {
    const p = shown(chances(model, task.responses));
    const top = (p[1] as number) > (p[0] as number) ? 1 : 0;
    confidences.push(p[top] as number);
    right.push(top === task.preferred);
  }
  return {
    ece: expectedCalibrationError(reliabilityBins(confidences, right)) as number,
    confidence: confidences.reduce((a, b) => a + b, 0) / confidences.length,
    accuracy: right.filter(Boolean).length / right.length,
  };
}

describe('calibrating the reward model on held-out judgements', () => {
  for (const { name, l2, direction } of [
    { name: 'an over-confident reward model (almost no L2: it learns the noise axes too)', l2: 1e-4, direction: 'down' },
    { name: 'an under-confident reward model (heavy L2: its scores are shrunk)', l2: 30, direction: 'up' },
  ] as const) {
    it(`tones ${direction === 'down' ? 'down' : 'up'} ${name}, and its confidence then matches its accuracy on unseen pairs`, () => {
      const rng = createRng(3);
      const judged = judgedPairs(rng, 100);
      const unseen = judgedPairs(rng, 3000);
      const spec = { denseDims: DIMS, l2 };
      const validation = crossValidateReward(judged, spec);
      expect(validation.heldOut).toHaveLength(100);
      expect(validation.truths).toEqual(expect.arrayContaining([0, 1]));

      const tracker = new ConfidenceTracker('single');
      tracker.fit(validation.heldOut, validation.truths.map((t) => [t]));
      const { calibration } = tracker.report();
      expect(calibration.kind).toBe('temperature');
      const temperature = calibration.kind === 'temperature' ? calibration.temperature : 1;
      if (direction === 'down') expect(temperature).toBeGreaterThan(1.2);
      else expect(temperature).toBeLessThan(0.8);

      const model = trainReward(judged.flatMap((j) => j.pairs), spec).weights;
      const raw = onUnseen(model, unseen, (p) => p);
      const calibrated = onUnseen(model, unseen, (p) => tracker.apply(p));
      // Temperature keeps the ranking: the same picks, only how sure they sound moves.
      expect(calibrated.accuracy).toBe(raw.accuracy);
      if (direction === 'down') expect(raw.confidence).toBeGreaterThan(raw.accuracy + 0.05);
      else expect(raw.confidence).toBeLessThan(raw.accuracy - 0.05);
      expect(Math.abs(calibrated.confidence - calibrated.accuracy)).toBeLessThan(0.05);
      expect(calibrated.ece).toBeLessThan(raw.ece / 2);
    });
  }

  it('gives held-out chances only for judgements with a preferred response, each from a model that did not see it', () => {
    const judged = judgedPairs(createRng(9), 30);
    const ties = judged.slice(0, 5).map((j) => ({ ...j, preferred: null }));
    const validation = crossValidateReward([...ties, ...judged.slice(5)], { denseDims: DIMS });
    expect(validation.heldOut).toHaveLength(25);
    for (const p of validation.heldOut) expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1, 6);
    // A model that saw every judgement is surer of them than the held-out ones were.
    const seen = trainReward(judged.flatMap((j) => j.pairs), { denseDims: DIMS }).weights;
    const meanOnTruth = (ps: Float32Array[], truths: number[]): number => ps.reduce((sum, p, i) => sum + (p[truths[i] as number] as number), 0) / ps.length;
    const fitted = judged.slice(5).map((j) => chances(seen, j.responses));
    expect(meanOnTruth(fitted, judged.slice(5).map((j) => j.preferred as number))).toBeGreaterThan(meanOnTruth(validation.heldOut, validation.truths));
  });
});
