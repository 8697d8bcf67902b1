// One compare project's reward model in the worker: every task's response rows, the annotator's judgements, the
// Bradley–Terry head (which response people prefer) and one ordinal head per rubric rating item, retrained warm
// after each judgement; every response re-scored, the open tasks ranked by the project's strategy. Pure
// computation (no Dexie, no Transformers.js), tested in Node.
//
// With an encoder active, the embedding pass stores each task's prompt and responses as one vector, end to end
// (compareEmbeddingTexts); a response's row then carries its own part as its dense features, so Bradley–Terry
// learns from the difference of the two responses' embeddings beside their hashed words. The shown confidence is
// calibrated (a temperature, calibration.ts) on held-out predictions of the annotator's judgements.
import type { AnnotationStatus, SamplingStrategy } from '../db/rows';
import { decodeJudgement, preferredId, type CompareContent, type Judgement, type Rubric } from '../domain/compare';
import { ConfidenceTracker, type ConfidenceReport } from '../learn/confidence-tracker';
import { hashedFeatures } from '../learn/features';
import { createRng } from '../learn/random';
import { choiceProbabilities, rewardScore, trainReward, type PreferencePair, type RewardWeights } from '../learn/reward/bradley-terry';
import { rankCompareTasks } from '../learn/reward/compare-sampling';
import { crossValidateReward, type JudgedTask } from '../learn/reward/evaluate-reward';
import { judgementPairs } from '../learn/reward/judgement-pairs';
import { suggestRating, trainOrdinal, type OrdinalWeights } from '../learn/reward/ordinal';
import { responseRow, sumRow } from '../learn/reward/pair-rows';
import type { FeatureRow } from '../learn/vectors';
import type { RatingSuggestion, Suggestion } from './api';
import { nextOpenSeqs } from './open-order';
import type { TaskLearner } from './task-learner';

export interface CompareLearnerTask {
  id: string;
  seq: number;
  /** The prompt as one string (TaskRow.text). */
  text: string;
  /** Absent on a task imported without responses: it is ordered but never scored or suggested. */
  compare?: CompareContent;
}

/** What the embedding pass embeds for a compare task, in the order its stored vector holds them: prompt, then responses. */
export function compareEmbeddingTexts(prompt: string, content: CompareContent): string[] {
  return [prompt, ...content.responses.map((r) => r.text)];
}

interface CompareRows {
  ids: string[];
  responses: FeatureRow[];
  /** The whole task (prompt and responses): what ratings are predicted from and hybrid clusters. */
  whole: FeatureRow;
}

/** An ordinal head is trained once an item has this many ratings. */
const MIN_RATINGS = 2;
/** Cross-validation costs several trainings: the learning curve gets a point every this many judgements. */
const CURVE_STEP = 10;

export class CompareLearner implements TaskLearner {
  private readonly tasks: CompareLearnerTask[];
  private readonly rows: (CompareRows | null)[];
  private readonly indexById = new Map<string, number>();
  private readonly decisions = new Map<number, { judgement: Judgement | null; status: AnnotationStatus }>();
  private denseDims = 0;
  private reward: RewardWeights | null = null;
  private readonly ratingHeads = new Map<string, OrdinalWeights>();
  /** Every task's response rewards, same order as its responses; null until the first training. */
  private scores: (Float64Array | null)[] | null = null;
  private ranking: number[] | null = null;
  version = 0;
  curve: [number, number][] = [];
  estimatedAccuracy: number | null = null;
  /** The calibration of P(best), and how the preferred response's shown confidence fared. */
  private readonly confidence = new ConfidenceTracker('single');

  constructor(
    private readonly rubric: Rubric,
    tasks: CompareLearnerTask[],
    onProgress?: (done: number) => void,
  ) {
    this.tasks = tasks;
    this.rows = tasks.map((task, i) => {
      this.indexById.set(task.id, i);
      if (onProgress && i % 5000 === 4999) onProgress(i + 1);
      return task.compare ? rowsOf(task.text, task.compare) : null;
    });
  }

  get size(): number {
    return this.tasks.length;
  }

  /** How many judgements the reward model was last trained on. */
  learnedFrom = 0;

  get humanLabels(): number {
    let n = 0;
    for (const d of this.decisions.values()) if (d.status === 'labelled') n++;
    return n;
  }

  /** A value that is not a judgement (a damaged row) still closes its task, but teaches nothing. */
  record(taskId: string, value: string[], status: AnnotationStatus, suggested = false): void {
    const i = this.indexById.get(taskId);
    if (i === undefined) return;
    if (status === 'retracted') {
      this.decisions.delete(i);
      return;
    }
    const decoded = status === 'labelled' && value.length === 1 ? decodeJudgement(value[0] as string) : null;
    const judgement = typeof decoded === 'string' ? null : decoded;
    if (suggested && judgement && !this.decisions.has(i)) this.observe(i, judgement);
    this.decisions.set(i, { judgement, status });
  }

  confidenceReport(): ConfidenceReport {
    return this.confidence.report();
  }

  /** A judgement made with a suggestion in front of the annotator: was the response it preferred the one chosen? */
  private observe(i: number, judgement: Judgement): void {
    const rows = this.rows[i];
    const scores = this.scores?.[i];
    const chosen = preferredId(judgement);
    if (!rows || !scores || chosen === null) return;
    const truth = rows.ids.indexOf(chosen);
    if (truth >= 0) this.confidence.observe(this.shownChances(scores), [truth]);
  }

  /** P(each response is the best) as the annotator sees it: the softmax of the rewards, calibrated. */
  private shownChances(scores: Float64Array): Float32Array {
    return this.confidence.apply(choiceProbabilities(scores, new Float32Array(scores.length)));
  }

  train(strategy: SamplingStrategy): void {
    this.learnedFrom = this.humanLabels;
    const byJudgement = this.preferencePairs();
    const pairs = byJudgement.flatMap((j) => j.pairs);
    this.reward = pairs.length === 0 ? null : trainReward(pairs, { denseDims: this.denseDims, warmStart: this.reward ?? undefined }).weights;
    for (const item of this.rubric.ratings) {
      const examples = this.ratingExamples(item.name, item.scale);
      if (examples.length < MIN_RATINGS) this.ratingHeads.delete(item.name);
      else this.ratingHeads.set(item.name, trainOrdinal(examples, { scale: item.scale, denseDims: 0, warmStart: this.ratingHeads.get(item.name) }).weights);
    }
    const reward = this.reward;
    this.scores = reward === null ? null : this.rows.map((rows) => (rows ? Float64Array.from(rows.responses, (row) => rewardScore(reward, row)) : null));
    this.version++;
    this.rank(strategy);
    this.updateEstimate(byJudgement);
  }

  rank(strategy: SamplingStrategy): void {
    const scores = this.scores;
    if (strategy === 'sequential' || (strategy !== 'random' && scores === null)) {
      this.ranking = null;
      return;
    }
    const open: number[] = [];
    for (let i = 0; i < this.tasks.length; i++) if (!this.decisions.has(i) && this.rows[i] !== null) open.push(i);
    const rng = createRng(this.version * 7919 + this.decisions.size);
    this.ranking = rankCompareTasks(
      strategy,
      {
        ids: open,
        scores: scores === null ? null : open.map((i) => scores[i] as Float64Array),
        vectors: strategy === 'hybrid' ? open.map((i) => (this.rows[i] as CompareRows).whole) : undefined,
      },
      Math.min(open.length, 200),
      rng,
    );
  }

  next(afterSeq: number, count: number): number[] {
    return nextOpenSeqs(this.tasks, this.ranking, (i) => this.decisions.has(i), afterSeq, count);
  }

  suggest(taskId: string, modelName: string): Suggestion | null {
    const i = this.indexById.get(taskId);
    const rows = i === undefined ? null : this.rows[i];
    const scores = i === undefined ? null : this.scores?.[i];
    if (!rows || !scores) return null;
    const best = this.shownChances(scores);
    let top = 0;
    for (let k = 1; k < best.length; k++) if ((best[k] as number) > (best[top] as number)) top = k;
    const ratings: RatingSuggestion[] = [];
    for (const [name, head] of this.ratingHeads) ratings.push({ name, ...suggestRating(head, rows.whole) });
    return {
      taskId,
      value: [rows.ids[top] as string],
      confidence: best[top] as number,
      scores: rows.ids.map((id, k) => ({ label: id, p: best[k] as number })),
      modelVersion: `${modelName}@${this.version}`,
      ratings,
    };
  }

  /**
   * Switches the responses' dense features to an encoder's (`dims`), or removes them with null. `taskVectors`: each
   * task's stored vector (compareEmbeddingTexts' parts end to end); label vectors mean nothing to the reward model.
   */
  useDense(dims: number | null, taskVectors: Map<string, Float32Array>): void {
    this.denseDims = dims ?? 0;
    this.tasks.forEach((task, i) => this.attachDense(i, dims === null ? undefined : taskVectors.get(task.id)));
    this.reward = null;
    this.scores = null;
    this.ranking = null;
    // The calibration was fitted to the other features' predictions: the next training fits it again.
    this.estimatedAccuracy = null;
  }

  setDense(taskId: string, vector: Float32Array): void {
    const i = this.indexById.get(taskId);
    if (i !== undefined && this.denseDims > 0) this.attachDense(i, vector);
  }

  /** Response k's part of the task's vector (a view, not a copy); none when the vector is not this task's shape. */
  private attachDense(i: number, vector: Float32Array | undefined): void {
    const rows = this.rows[i];
    if (!rows) return;
    const D = this.denseDims;
    const fits = vector !== undefined && D > 0 && vector.length === (rows.responses.length + 1) * D;
    rows.responses.forEach((row, k) => (row.dense = fits ? vector.subarray((k + 1) * D, (k + 2) * D) : null));
  }

  /** Every judgement that teaches an order: its pairs, its responses' rows and the preferred one's position. */
  private preferencePairs(): JudgedTask[] {
    const byJudgement: JudgedTask[] = [];
    for (const [i, { judgement }] of this.decisions) {
      const rows = this.rows[i];
      if (!judgement || !rows) continue;
      const rowOf = (id: string): FeatureRow | undefined => rows.responses[rows.ids.indexOf(id)];
      const pairs: PreferencePair[] = [];
      for (const { winner, loser, weight } of judgementPairs(judgement)) {
        const [w, l] = [rowOf(winner), rowOf(loser)];
        if (w && l) pairs.push({ winner: w, loser: l, weight });
      }
      const preferred = rows.ids.indexOf(preferredId(judgement) ?? '');
      if (pairs.length > 0) byJudgement.push({ pairs, responses: rows.responses, preferred: preferred >= 0 ? preferred : null });
    }
    return byJudgement;
  }

  /**
   * Every CURVE_STEP judgements (as ProjectLearner does): held-out pairwise accuracy, a learning-curve point, and
   * the calibration refitted on the same held-out predictions.
   */
  private updateEstimate(byJudgement: JudgedTask[]): void {
    const count = byJudgement.length;
    const lastPoint = this.curve.at(-1)?.[0] ?? 0;
    if (count < CURVE_STEP || (this.estimatedAccuracy !== null && count - lastPoint < CURVE_STEP)) return;
    const validation = crossValidateReward(byJudgement, { denseDims: this.denseDims });
    this.estimatedAccuracy = validation.accuracy;
    this.confidence.fit(validation.heldOut, validation.truths.map((truth) => [truth]));
    if (this.estimatedAccuracy !== null && count !== lastPoint) this.curve.push([count, this.estimatedAccuracy]);
  }

  private ratingExamples(name: string, scale: number): { x: FeatureRow; value: number }[] {
    const examples: { x: FeatureRow; value: number }[] = [];
    for (const [i, { judgement }] of this.decisions) {
      const value = judgement?.ratings[name];
      const rows = this.rows[i];
      if (value !== undefined && value <= scale && rows) examples.push({ x: rows.whole, value });
    }
    return examples;
  }
}

function rowsOf(prompt: string, content: CompareContent): CompareRows {
  const promptFeatures = hashedFeatures(prompt);
  const responses = content.responses.map((r) => responseRow(promptFeatures, hashedFeatures(r.text)));
  const whole = responses.reduce((sum, row) => sumRow(sum, row), { sparse: promptFeatures, dense: null } as FeatureRow);
  return { ids: content.responses.map((r) => r.id), responses, whole };
}
