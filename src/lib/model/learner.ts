// One project's model in the worker: features of every task, the annotator's decisions, the classifier head and
// the scores it gives every task. Pure computation (no Dexie, no Transformers.js), so it is tested in Node.
import type { AnnotationStatus, SamplingStrategy, TaskType } from '../db/rows';
import { hashedFeatures } from '../learn/features';
import { predictAll, trainHead, type HeadWeights } from '../learn/head';
import { ConfidenceTracker, type ConfidenceReport } from '../learn/confidence-tracker';
import { crossValidate } from '../learn/evaluate';
import { createRng, rankCandidates } from '../learn/sampling';
import type { FeatureRow } from '../learn/vectors';
import { blend, blendWeight, fitZeroShot, fittedZeroShotScores, ZERO_SHOT_START, zeroShotScores, type ZeroShotFit } from '../learn/zero-shot';
import type { Suggestion } from './api';
import { nextOpenSeqs } from './open-order';

export interface LearnerTask {
  id: string;
  seq: number;
  text: string;
}

export interface LearnerLabel {
  name: string;
  description?: string;
}

interface Example {
  x: FeatureRow;
  y: number[];
}

/** A zero-shot guess no better than this above uniform is not worth showing. */
const MIN_ZERO_SHOT_LEAD = 0.05;
/** Cross-validation costs several trainings: the learning curve gets a point every this many labels. */
const CURVE_STEP = 10;

export class ProjectLearner {
  readonly mode: 'single' | 'multi';
  readonly labels: LearnerLabel[];
  private readonly tasks: LearnerTask[];
  private readonly rows: FeatureRow[];
  private readonly labelRows: FeatureRow[];
  private readonly indexById = new Map<string, number>();
  private readonly decisions = new Map<number, { value: string[]; status: AnnotationStatus }>();
  private denseDims = 0;
  private weights: HeadWeights | null = null;
  /** Head probabilities of every task, row-major (task × class); null until the first training. */
  private probs: Float32Array | null = null;
  private ranking: number[] | null = null;
  /** How many human labels the head was last trained on. */
  learnedFrom = 0;
  version = 0;
  curve: [number, number][] = [];
  estimatedAccuracy: number | null = null;
  private readonly confidence: ConfidenceTracker;
  /** How sure a transformer's zero-shot guess may sound: fitted to the labels at each training. */
  private zeroShot: ZeroShotFit = ZERO_SHOT_START;

  constructor(taskType: TaskType, labels: LearnerLabel[], tasks: LearnerTask[], onProgress?: (done: number) => void) {
    // Span projects get span suggestions elsewhere; their head, if any, treats values as independent labels.
    this.mode = taskType === 'single' ? 'single' : 'multi';
    this.confidence = new ConfidenceTracker(this.mode);
    this.labels = labels;
    this.tasks = tasks;
    this.rows = tasks.map((task, i) => {
      this.indexById.set(task.id, i);
      if (onProgress && i % 5000 === 4999) onProgress(i + 1);
      return { sparse: hashedFeatures(task.text), dense: null };
    });
    this.labelRows = labels.map((l) => ({ sparse: hashedFeatures(`${l.name} ${l.description ?? ''}`), dense: null }));
  }

  get size(): number {
    return this.tasks.length;
  }

  /** Switches the dense part of the features (a transformer embedding per task), or removes it with null. */
  useDense(dims: number | null, taskVectors: Map<string, Float32Array>, labelVectors: Float32Array[]): void {
    this.denseDims = dims ?? 0;
    this.rows.forEach((row, i) => (row.dense = dims === null ? null : (taskVectors.get((this.tasks[i] as LearnerTask).id) ?? null)));
    this.labelRows.forEach((row, i) => (row.dense = dims === null ? null : (labelVectors[i] ?? null)));
    this.weights = null;
    this.probs = null;
    this.ranking = null;
    this.zeroShot = ZERO_SHOT_START;
  }

  setDense(taskId: string, vector: Float32Array): void {
    const i = this.indexById.get(taskId);
    if (i !== undefined) (this.rows[i] as FeatureRow).dense = vector;
  }

  /** `suggested`: the annotator decided with a suggestion in front of them; its confidence is then judged. */
  record(taskId: string, value: string[], status: AnnotationStatus, suggested = false): void {
    const i = this.indexById.get(taskId);
    if (i === undefined) return;
    if (suggested && status === 'labelled' && !this.decisions.has(i)) this.observe(i, value);
    if (status === 'retracted') this.decisions.delete(i);
    else this.decisions.set(i, { value, status });
  }

  get humanLabels(): number {
    let n = 0;
    for (const d of this.decisions.values()) if (d.status === 'labelled') n++;
    return n;
  }

  get needsTraining(): boolean {
    return this.humanLabels !== this.learnedFrom;
  }

  /** Retrains the head on every human label (warm start), re-scores every task, and re-ranks the pool. */
  train(strategy: SamplingStrategy): void {
    const examples = this.examples();
    this.learnedFrom = this.humanLabels;
    if (this.denseDims > 0) {
      this.zeroShot = fitZeroShot(
        examples.map((e) => zeroShotScores(e.x, this.labelRows)),
        examples.map((e) => e.y),
      );
    }
    if (examples.length === 0) {
      this.weights = null;
      this.probs = null;
    } else {
      const spec = { mode: this.mode, classes: this.labels.length, denseDims: this.denseDims, warmStart: this.weights ?? undefined };
      this.weights = trainHead(examples, spec).weights;
      this.rescore();
    }
    this.version++;
    this.rank(strategy);
    const lastPoint = this.curve.at(-1)?.[0] ?? 0;
    if (examples.length >= CURVE_STEP && (this.estimatedAccuracy === null || examples.length - lastPoint >= CURVE_STEP)) {
      const validation = crossValidate(examples, { mode: this.mode, classes: this.labels.length, denseDims: this.denseDims });
      this.estimatedAccuracy = validation?.accuracy ?? null;
      if (validation) this.confidence.fit(validation.predictions.map((p, j) => this.uncalibrated((examples[j] as Example).x, p)), examples.map((e) => e.y));
      if (this.estimatedAccuracy !== null && examples.length !== lastPoint) this.curve.push([examples.length, this.estimatedAccuracy]);
    }
  }

  suggest(taskId: string, modelName: string): Suggestion | null {
    const i = this.indexById.get(taskId);
    if (i === undefined) return null;
    const p = this.scores(i);
    const zeroShotOnly = this.probs === null;
    // Word overlap between label names and a text is too weak a hint to pre-select: without a model the first
    // suggestion waits for the first labels (a transformer's zero-shot keeps its say).
    if (zeroShotOnly && this.denseDims === 0) return null;
    const scores = this.labels.map((l, c) => ({ label: l.name, p: p[c] ?? 0 }));
    const modelVersion = `${modelName}@${this.version}`;
    if (this.mode === 'single') {
      const best = scores.reduce((a, b) => (b.p > a.p ? b : a));
      if (zeroShotOnly && best.p - 1 / this.labels.length < MIN_ZERO_SHOT_LEAD) return null;
      return { taskId, value: [best.label], confidence: best.p, scores, modelVersion };
    }
    if (zeroShotOnly) return null;
    const value = scores.filter((s) => s.p >= 0.5).map((s) => s.label);
    const confidence = scores.reduce((sum, s) => sum + Math.max(s.p, 1 - s.p), 0) / scores.length;
    return { taskId, value, confidence, scores, modelVersion };
  }

  /** The next open tasks' seqs in strategy order; sequential (and any strategy before training) goes on from afterSeq. */
  next(afterSeq: number, count: number): number[] {
    return nextOpenSeqs(this.tasks, this.ranking, (i) => this.decisions.has(i), afterSeq, count);
  }

  rank(strategy: SamplingStrategy): void {
    const open: number[] = [];
    for (let i = 0; i < this.tasks.length; i++) if (!this.decisions.has(i)) open.push(i);
    if (strategy === 'sequential' || (strategy !== 'random' && this.probs === null)) {
      this.ranking = null;
      return;
    }
    const probs = open.map((i) => this.scores(i));
    const rng = createRng(this.version * 7919 + this.decisions.size);
    const chosen = rankCandidates(strategy, { ids: open, probs, vectors: open.map((i) => this.rows[i] as FeatureRow) }, Math.min(open.length, 200), rng);
    this.ranking = chosen;
  }

  /** How right and how sure the suggestions shown were, and the calibration now in use. */
  confidenceReport(): ConfidenceReport {
    return this.confidence.report();
  }

  /** What the annotator sees for task i: calibrated head probabilities, or zero-shot before any training. */
  private scores(i: number): Float32Array {
    const row = this.rows[i] as FeatureRow;
    if (!this.probs) return this.zeroShotOf(row);
    const C = this.labels.length;
    return this.shownFrom(row, this.probs.subarray(i * C, (i + 1) * C));
  }

  /** The head's probabilities as shown: blended with a transformer's zero-shot guess while labels are few, calibrated. */
  private shownFrom(row: FeatureRow, head: Float32Array): Float32Array {
    return this.confidence.apply(this.uncalibrated(row, head));
  }

  /** What the calibration is fitted to: the head, blended with a transformer's zero-shot guess (n-gram overlap is no grounds for one). */
  private uncalibrated(row: FeatureRow, head: Float32Array): Float32Array {
    return this.denseDims > 0 ? blend(this.zeroShotOf(row), head, blendWeight(this.learnedFrom)) : head;
  }

  /** A transformer's zero-shot guess as fitted to the labels so far (n-gram overlap gets the start: it is never shown alone). */
  private zeroShotOf(row: FeatureRow): Float32Array {
    return fittedZeroShotScores(row, this.labelRows, this.zeroShot);
  }

  /** A decision on a task that had a suggestion: how sure it was against what the annotator chose. */
  private observe(i: number, value: string[]): void {
    if (this.probs === null) return;
    const byName = new Map(this.labels.map((l, c) => [l.name, c]));
    const truth = value.map((v) => byName.get(v)).filter((c): c is number => c !== undefined);
    if (this.mode === 'single' && truth.length !== 1) return;
    this.confidence.observe(this.scores(i), truth);
  }

  private rescore(): void {
    this.probs = predictAll(this.weights as HeadWeights, this.rows);
  }

  private examples(): Example[] {
    const byName = new Map(this.labels.map((l, c) => [l.name, c]));
    const out: Example[] = [];
    for (const [i, d] of this.decisions) {
      if (d.status !== 'labelled') continue;
      const y = d.value.map((v) => byName.get(v)).filter((c): c is number => c !== undefined);
      if (this.mode === 'single' && y.length !== 1) continue;
      out.push({ x: this.rows[i] as FeatureRow, y });
    }
    return out;
  }
}
