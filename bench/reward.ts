// The reward model (issue #19), in Node: its code is pure, the browser adds nothing to measure.
//   reward.retrain_rescore_ms: one warm Bradley–Terry retrain on 1,000 judgements plus re-scoring 20,000 open pairs
//     (both responses, then P(A over B)), the work the model worker does after a judgement in a big compare project.
//     Replies quote spam-assassin mails paired at random; 384-dim unit "embeddings" stand in for a MiniLM-sized model.
//     reward.retrain_rescore_cpu_ms is the same work's CPU time (this process's user + system): the machine is shared,
//     and the wall time grows with the load while the CPU time does not.
//   reward.accuracy_at_100 / _200: held-out pairwise accuracy after 100 / 200 random judgements on the spam-reply
//     preference set (scripts/generate-preference-set.ts), median of 3 seeds; reward.plain_bt_accuracy_at_200 is the
//     same loop on hashed words alone (no echo features), the plain Bradley–Terry the reward model must match.
//   reward.ece_at_200 / reward.raw_ece_at_200: expected calibration error of the preferred response's confidence on
//     the held-out quarter after 200 random judgements, calibrated as the worker does it (a temperature fitted to
//     cross-validated predictions of the judgements) and raw; median of 3 seeds.
import { fileURLToPath } from 'node:url';
import { spamReplyPreferences } from '../scripts/generate-preference-set';
import { hashedFeatures } from '../src/lib/learn/features';
import { ConfidenceTracker } from '../src/lib/learn/confidence-tracker';
import { createRng, shuffleInPlace, type Rng } from '../src/lib/learn/random';
import { expectedCalibrationError, reliabilityBins } from '../src/lib/learn/reliability';
import { choiceProbabilities, rewardScore, trainReward, type PreferencePair } from '../src/lib/learn/reward/bradley-terry';
import { crossValidateReward, type JudgedTask } from '../src/lib/learn/reward/evaluate-reward';
import { rankCompareTasks, scoreResponses } from '../src/lib/learn/reward/compare-sampling';
import { responseRow } from '../src/lib/learn/reward/pair-rows';
import { simulateCompare, type PreferenceCorpus } from '../src/lib/learn/reward/simulate-compare';
import type { FeatureRow } from '../src/lib/learn/vectors';
import { median } from './support/stats';
import type { Figures, Target } from './support/types';

export const rewardTargets: Record<string, Target> = {
  'reward.retrain_rescore_ms': { atMost: 1000 },
  'reward.accuracy_at_100': { atLeast: 0.87 },
  'reward.accuracy_at_200': { atLeast: 0.9 },
  'reward.ece_at_200': { atMost: 0.05 },
};

const JUDGEMENTS = 1_000;
const OPEN_PAIRS = 20_000;
const DENSE_DIMS = 384;
const TIMING_RUNS = 3;
const ACCURACY_SEEDS = 3;

/** `quiet` waits until the browser the run started is idle: Node's timings share the 2 cores with it. */
export async function measureReward(quiet: () => Promise<unknown> = async () => undefined): Promise<Figures> {
  await quiet();
  return { ...measureRetrainRescore(), ...measureAccuracy(), ...measureCalibration() };
}

function measureRetrainRescore(): Figures {
  const rng = createRng(20261207);
  const lines = spamReplyPreferences();
  const row = (prompt: string, text: string): FeatureRow => responseRow(hashedFeatures(prompt), hashedFeatures(text), randomUnitVector(rng));
  // Pairs drawn with replacement from the set's replies: 21,000 pairs from its 1,896.
  const pairs = Array.from({ length: JUDGEMENTS + OPEN_PAIRS }, () => {
    const line = lines[Math.floor(rng() * lines.length)] as (typeof lines)[number];
    return [row(line.prompt, line.chosen), row(line.prompt, line.rejected)] as const;
  });
  const judged: PreferencePair[] = pairs.slice(0, JUDGEMENTS).map(([winner, loser]) => ({ winner, loser }));
  const open = pairs.slice(JUDGEMENTS).map(([a, b]) => [a, b]);
  const openIds = open.map((_, i) => i);
  const spec = { denseDims: DENSE_DIMS };
  const previous = trainReward(judged.slice(0, JUDGEMENTS - 1), spec).weights;

  const retrain: number[] = [];
  const rescore: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < TIMING_RUNS; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { weights } = trainReward(judged, { ...spec, warmStart: previous });
    const t1 = performance.now();
    const scores = scoreResponses(weights, open);
    const next = rankCompareTasks('least-confidence', { ids: openIds, scores }, 1, rng);
    if (scores.length !== OPEN_PAIRS || next.length !== 1) throw new Error('Re-scoring missed pairs.');
    retrain.push(t1 - t0);
    rescore.push(performance.now() - t1);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    'reward.retrain_rescore_ms': Math.round(median(retrain.map((ms, i) => ms + (rescore[i] as number)))),
    'reward.retrain_ms': Math.round(median(retrain)),
    'reward.rescore_ms': Math.round(median(rescore)),
    'reward.retrain_rescore_cpu_ms': Math.round(median(cpu)),
  };
}

function measureAccuracy(): Figures {
  const lines = spamReplyPreferences();
  const withEcho: PreferenceCorpus = {
    chosen: lines.map((l) => responseRow(hashedFeatures(l.prompt), hashedFeatures(l.chosen))),
    rejected: lines.map((l) => responseRow(hashedFeatures(l.prompt), hashedFeatures(l.rejected))),
    denseDims: 0,
  };
  const plain: PreferenceCorpus = {
    chosen: lines.map((l) => ({ sparse: hashedFeatures(l.chosen), dense: null })),
    rejected: lines.map((l) => ({ sparse: hashedFeatures(l.rejected), dense: null })),
    denseDims: 0,
  };
  const options = { strategies: ['random'] as const, seeds: ACCURACY_SEEDS, budget: 200, batch: 10 };
  const at = (corpus: PreferenceCorpus, n: number): number =>
    simulateCompare(corpus, options).strategies.random?.curve.find(([labels]) => labels === n)?.[1] ?? -1;
  const reward = simulateCompare(withEcho, options);
  const curve = reward.strategies.random?.curve ?? [];
  const point = (n: number): number => curve.find(([labels]) => labels === n)?.[1] ?? -1;
  return {
    'reward.accuracy_at_100': point(100),
    'reward.accuracy_at_200': point(200),
    'reward.full_accuracy': reward.full_accuracy,
    'reward.plain_bt_accuracy_at_200': at(plain, 200),
  };
}

function measureCalibration(): Figures {
  const lines = spamReplyPreferences();
  const raw: number[] = [];
  const calibrated: number[] = [];
  for (let seed = 1; seed <= ACCURACY_SEEDS; seed++) {
    const rng = createRng(seed);
    // Which response is shown first is drawn per pair, so the truth is not always position 0.
    const tasks: JudgedTask[] = lines.map((l) => {
      const chosen = responseRow(hashedFeatures(l.prompt), hashedFeatures(l.chosen));
      const rejected = responseRow(hashedFeatures(l.prompt), hashedFeatures(l.rejected));
      const chosenFirst = rng() < 0.5;
      return { pairs: [{ winner: chosen, loser: rejected }], responses: chosenFirst ? [chosen, rejected] : [rejected, chosen], preferred: chosenFirst ? 0 : 1 };
    });
    const order = shuffleInPlace(tasks.map((_, i) => i), rng);
    const test = order.slice(0, Math.round(tasks.length / 4)).map((i) => tasks[i] as JudgedTask);
    const judged = order.slice(test.length, test.length + 200).map((i) => tasks[i] as JudgedTask);
    const validation = crossValidateReward(judged, { denseDims: 0 });
    const tracker = new ConfidenceTracker('single');
    tracker.fit(validation.heldOut, validation.truths.map((t) => [t]));
    const model = trainReward(judged.flatMap((t) => t.pairs), { denseDims: 0 }).weights;
    const ece = (shown: (p: Float32Array) => Float32Array): number => {
      const confidences: number[] = [];
      const right: boolean[] = [];
      for (const task of test) {
        const p = shown(choiceProbabilities(Float64Array.from(task.responses, (row) => rewardScore(model, row)), new Float32Array(2)));
        const top = (p[1] as number) > (p[0] as number) ? 1 : 0;
        confidences.push(p[top] as number);
        right.push(top === task.preferred);
      }
      return expectedCalibrationError(reliabilityBins(confidences, right)) as number;
    };
    raw.push(ece((p) => p));
    calibrated.push(ece((p) => tracker.apply(p)));
  }
  return { 'reward.ece_at_200': round4(median(calibrated)), 'reward.raw_ece_at_200': round4(median(raw)) };
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function randomUnitVector(rng: Rng): Float32Array {
  const v = Float32Array.from({ length: DENSE_DIMS }, () => rng() * 2 - 1);
  const inverse = 1 / Math.hypot(...v);
  return v.map((x) => x * inverse);
}

// `npx tsx bench/reward.ts` runs this module alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  measureReward().then((figures) => console.log(JSON.stringify(figures, null, 2)));
}
