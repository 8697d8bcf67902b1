// The open project inside the model worker: loads what the learner needs, keeps the head trained (debounced
// after each label), embeds tasks in the background with the active encoder, answers span suggestions with the
// active token classifier (calibrated on the spans the annotator kept, span-confidence.ts), and reports status to
// the page. Span projects keep the learner only for task order: their values are spans, not labels, so no
// classifier head is trained or asked. Compare projects get the reward model (compare-learner.ts) instead of the
// classifier head; an encoder embeds their prompt and each response.
import type { FieldlabelDb } from '../db/database';
import { getLearning, loadAnnotatorDecisions, loadEmbeddings, loadTaskTexts, putLearning } from '../db/models';
import type { LearningRow, ProjectRow, SamplingStrategy } from '../db/rows';
import { DEFAULT_RUBRIC } from '../domain/compare';
import type { JobRoomDeps } from '../storage/job-room';
import { NotEnoughRoomError } from '../storage/room';
import type { LabelRecord, ModelEvent, ModelInfo, ModelStatus, SpanSuggestion, Suggestion } from './api';
import { embedMissing } from './embed-loop';
import { CompareLearner, compareEmbeddingTexts } from './compare-learner';
import { ProjectLearner } from './learner';
import type { LoadedModel } from './model-loader';
import { SpanConfidence } from './span-confidence';
import { projectLabelsByType, type SpanTagger } from './span-tagger';
import type { TaskLearner } from './task-learner';

/** Labels often come in bursts; one retrain after a short pause serves them all. */
const RETRAIN_DELAY_MS = 250;
/** The page asks for the current task's spans and prefetches the next ones; a few answers are worth keeping. */
const SPAN_CACHE_SIZE = 32;

export class WorkerProject {
  readonly project: ProjectRow;
  private readonly db: FieldlabelDb;
  private readonly learner: TaskLearner;
  private readonly emit: (event: ModelEvent) => void;
  private learning: LearningRow;
  private model: ModelInfo | null = null;
  private tagger: SpanTagger | null = null;
  private readonly texts: Map<string, string>;
  /** What the embedding pass embeds for each compare task, by task id (compareEmbeddingTexts); empty for others. */
  private readonly compareTexts: Map<string, string[]>;
  /** The model's own spans (raw confidences) of the tasks asked about lately. */
  private readonly spanCache = new Map<string, Promise<SpanSuggestion | null>>();
  private readonly spanConfidence = new SpanConfidence();
  private embedded = 0;
  private busy: ModelStatus['busy'] = null;
  private problem: string | null = null;
  private outcomes = { accepted: 0, decided: 0 };
  private retrainTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  /** Where embedding passes check that they fit (see embed-loop.ts); none in tests that do not care. */
  private readonly room: JobRoomDeps | undefined;

  private constructor(
    db: FieldlabelDb,
    project: ProjectRow,
    learner: TaskLearner,
    learning: LearningRow,
    texts: Map<string, string>,
    compareTexts: Map<string, string[]>,
    emit: (e: ModelEvent) => void,
    room: JobRoomDeps | undefined,
  ) {
    this.compareTexts = compareTexts;
    this.room = room;
    this.db = db;
    this.project = project;
    this.learner = learner;
    this.learning = learning;
    this.texts = texts;
    this.emit = emit;
  }

  static async open(db: FieldlabelDb, projectId: string, annotatorId: string, emit: (e: ModelEvent) => void, room?: JobRoomDeps): Promise<WorkerProject> {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('The project no longer exists.');
    const tasks = await loadTaskTexts(db, projectId);
    emit({ kind: 'prepare', done: 0, total: tasks.length });
    const onProgress = (done: number): void => emit({ kind: 'prepare', done, total: tasks.length });
    const learner: TaskLearner =
      project.taskType === 'compare'
        ? new CompareLearner(project.rubric ?? DEFAULT_RUBRIC, tasks, onProgress)
        : new ProjectLearner(project.taskType, project.labels, tasks, onProgress);
    const learning = await getLearning(db, projectId);
    learner.curve = [...learning.curve];
    const compareTexts = new Map(tasks.flatMap((t) => (t.compare ? [[t.id, compareEmbeddingTexts(t.text, t.compare)] as const] : [])));
    const opened = new WorkerProject(db, project, learner, learning, new Map(tasks.map((t) => [t.id, t.text])), compareTexts, emit, room);
    const decisions = await loadAnnotatorDecisions(db, projectId, annotatorId);
    for (const a of decisions) {
      learner.record(a.taskId, a.value, a.status);
      opened.countOutcome(a.suggestionOutcome);
    }
    if (project.taskType === 'spans') {
      for (const a of decisions.sort((x, y) => x.updatedAt - y.updatedAt)) opened.spanConfidence.record(a.taskId, a.value, a.status);
    }
    opened.refreshHead();
    return opened;
  }

  private get isSpanProject(): boolean {
    return this.project.taskType === 'spans';
  }

  get activeModelId(): string | null {
    return this.learning.modelId;
  }

  /**
   * Makes `model` the active one (null: n-grams only). An encoder switches the dense features to it and embeds
   * every task that has no vector yet; a token classifier answers span suggestions and leaves n-grams to the head.
   */
  async useModel(model: ModelInfo | null, loaded: LoadedModel | null): Promise<void> {
    const generation = ++this.generation;
    // Span projects train no head: embeddings would be computed for nothing.
    const encoder = loaded?.task === 'feature-extraction' && !this.isSpanProject ? loaded.encoder : null;
    this.model = model;
    this.tagger = loaded?.task === 'token-classification' ? loaded.tagger : null;
    this.spanCache.clear();
    this.learning = { ...this.learning, modelId: model?.id ?? null };
    await putLearning(this.db, this.learning);
    if (this.tagger) void this.rejudgeSpans(generation);
    if (!encoder || !model) {
      this.learner.useDense(null, new Map(), []);
      this.embedded = 0;
      this.retrainNow();
      return;
    }
    const stored = await loadEmbeddings(this.db, this.project.id, model.id);
    // The reward model has no zero-shot start: label names say nothing about which response is better.
    const labelVectors = this.project.taskType === 'compare' ? [] : await encoder.embed(this.project.labels.map((l) => `${l.name}. ${l.description ?? ''}`));
    this.learner.useDense(encoder.dims, stored, labelVectors);
    // The tasks read when the project opened: an import opens the project again once it is done. A stored vector
    // of another length does not hold this task's texts (a compare task's prompt and each response): embedded again.
    const inputs = [...this.texts].map(([id, text]) => ({ id, texts: this.compareTexts.get(id) ?? [text] }));
    const missing = inputs.filter(({ id, texts }) => stored.get(id)?.length !== texts.length * encoder.dims);
    this.embedded = inputs.length - missing.length;
    this.retrainNow();
    if (missing.length === 0) return;
    this.busy = 'embedding';
    this.emitStatus();
    let finished: boolean;
    try {
      finished = await embedMissing({
        db: this.db,
        projectId: this.project.id,
        encoder,
        missing,
        alreadyDone: this.embedded,
        total: this.texts.size,
        isCancelled: () => generation !== this.generation,
        onChunk: (vectors) => vectors.forEach((v, id) => this.learner.setDense(id, v)),
        onProgress: (done, total) => {
          this.embedded = done;
          this.emit({ kind: 'embed', done, total });
        },
        room: this.room,
      });
    } catch (error) {
      if (!(error instanceof NotEnoughRoomError) || generation !== this.generation) throw error;
      // Embeddings are a cache: those stored stay, and the pass goes on from them the next time the project opens.
      this.setProblem(
        `Embedding stopped at ${this.embedded.toLocaleString('en-US')} of ${this.texts.size.toLocaleString('en-US')} tasks. ${error.message} ` +
          'What was embedded is kept; embedding goes on from there the next time this project is opened, and meanwhile the other tasks get suggestions from word features.',
      );
      this.retrainNow();
      return;
    }
    if (generation !== this.generation) return;
    this.busy = null;
    if (finished) this.retrainNow();
  }

  setStrategy(strategy: SamplingStrategy): void {
    this.project.strategy = strategy;
    this.learner.rank(strategy);
  }

  setProblem(problem: string | null, busy: ModelStatus['busy'] = null): void {
    this.problem = problem;
    this.busy = busy;
    this.emitStatus();
  }

  record(record: LabelRecord): void {
    this.learner.record(record.taskId, record.value, record.status, record.outcome !== null);
    if (this.isSpanProject) {
      this.spanConfidence.record(record.taskId, record.value, record.status);
      if (record.status === 'labelled') void this.judgeSpans(record.taskId);
    }
    this.countOutcome(record.outcome);
    if (this.retrainTimer !== null) clearTimeout(this.retrainTimer);
    this.retrainTimer = setTimeout(() => this.retrainNow(), RETRAIN_DELAY_MS);
  }

  suggest(taskId: string): Suggestion | null {
    if (this.isSpanProject) return null;
    return this.learner.suggest(taskId, this.model?.name ?? 'n-grams');
  }

  /** The active token classifier's spans for a task, under the project's label names, calibrated (see ModelApi). */
  async suggestSpans(taskId: string): Promise<SpanSuggestion | null> {
    const raw = await this.rawSpans(taskId);
    return raw && { ...raw, spans: this.spanConfidence.shown(raw.spans) };
  }

  private rawSpans(taskId: string): Promise<SpanSuggestion | null> {
    let answer = this.spanCache.get(taskId);
    if (!answer) {
      answer = this.tagSpans(taskId);
      // A failed run is not remembered: the next ask tries again.
      answer.catch(() => this.spanCache.delete(taskId));
      this.spanCache.set(taskId, answer);
      if (this.spanCache.size > SPAN_CACHE_SIZE) this.spanCache.delete(this.spanCache.keys().next().value as string);
    }
    return answer;
  }

  /** A span task was finished: the model's spans on it are judged against the annotator's. */
  private async judgeSpans(taskId: string): Promise<void> {
    const generation = this.generation;
    const raw = await this.rawSpans(taskId).catch(() => null);
    if (raw && generation === this.generation && this.spanConfidence.judge(taskId, raw.spans)) this.emitStatus();
  }

  /** A token classifier became active: judged on the latest finished tasks, in the background. */
  private async rejudgeSpans(generation: number): Promise<void> {
    const cancelled = () => generation !== this.generation;
    await this.spanConfidence.rejudge(async (taskId) => (await this.tagSpans(taskId).catch(() => null))?.spans ?? null, cancelled);
    if (!cancelled()) this.emitStatus();
  }

  next(afterSeq: number, count: number): number[] {
    return this.learner.next(afterSeq, count);
  }

  status(): ModelStatus {
    return {
      projectId: this.project.id,
      activeModel: this.model,
      busy: this.busy,
      embedded: this.embedded,
      total: this.learner.size,
      humanLabels: this.learner.humanLabels,
      learnedFrom: this.learner.learnedFrom,
      modelVersion: `${this.model?.name ?? 'n-grams'}@${this.learner.version}`,
      estimatedAccuracy: this.learner.estimatedAccuracy,
      acceptanceRate: this.outcomes.decided === 0 ? null : this.outcomes.accepted / this.outcomes.decided,
      suggestionsDecided: this.outcomes.decided,
      curve: this.learner.curve,
      confidence: this.isSpanProject ? this.spanConfidence.report() : this.learner.confidenceReport(),
      strategy: this.project.strategy,
      problem: this.problem,
    };
  }

  close(): void {
    this.generation++;
    if (this.retrainTimer !== null) clearTimeout(this.retrainTimer);
  }

  private async tagSpans(taskId: string): Promise<SpanSuggestion | null> {
    const { tagger, model } = this;
    const text = this.texts.get(taskId);
    if (!tagger || !model || text === undefined) return null;
    const labelFor = projectLabelsByType(tagger.entityTypes, this.project.labels.map((l) => l.name));
    if (labelFor.size === 0) return null;
    const spans = (await tagger.tag(text)).flatMap((span) => {
      const label = labelFor.get(span.type.toLowerCase());
      return label === undefined ? [] : [{ start: span.start, end: span.end, label, confidence: span.confidence }];
    });
    return { taskId, spans, modelVersion: model.name };
  }

  /** Trains the head on the labels so far; span projects only re-rank, since their values are not labels. */
  private refreshHead(): void {
    if (this.isSpanProject) this.learner.rank(this.project.strategy);
    else this.learner.train(this.project.strategy);
  }

  private retrainNow(): void {
    this.retrainTimer = null;
    this.refreshHead();
    void putLearning(this.db, { ...this.learning, curve: this.learner.curve });
    this.emitStatus();
  }

  private countOutcome(outcome: LabelRecord['outcome']): void {
    if (!outcome) return;
    this.outcomes.decided++;
    if (outcome === 'accepted') this.outcomes.accepted++;
  }

  private emitStatus(): void {
    this.emit({ kind: 'status', status: this.status() });
  }
}
