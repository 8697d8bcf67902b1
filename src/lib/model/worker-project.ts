// The open project inside the model worker: loads what the learner needs, keeps the head trained (debounced
// after each label), embeds tasks in the background with the active model, and reports status to the page.
import type { FieldlabelDb } from '../db/database';
import { getLearning, loadAnnotatorDecisions, loadEmbeddings, loadTaskTexts, putLearning } from '../db/models';
import type { LearningRow, ProjectRow, SamplingStrategy } from '../db/rows';
import type { LabelRecord, ModelEvent, ModelInfo, ModelStatus, Suggestion } from './api';
import { embedMissing } from './embed-loop';
import type { Encoder } from './encoder';
import { ProjectLearner } from './learner';

/** Labels often come in bursts; one retrain after a short pause serves them all. */
const RETRAIN_DELAY_MS = 250;

export class WorkerProject {
  readonly project: ProjectRow;
  private readonly db: FieldlabelDb;
  private readonly learner: ProjectLearner;
  private readonly emit: (event: ModelEvent) => void;
  private learning: LearningRow;
  private model: ModelInfo | null = null;
  private encoder: Encoder | null = null;
  private embedded = 0;
  private busy: ModelStatus['busy'] = null;
  private problem: string | null = null;
  private outcomes = { accepted: 0, decided: 0 };
  private retrainTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  private constructor(db: FieldlabelDb, project: ProjectRow, learner: ProjectLearner, learning: LearningRow, emit: (e: ModelEvent) => void) {
    this.db = db;
    this.project = project;
    this.learner = learner;
    this.learning = learning;
    this.emit = emit;
  }

  static async open(db: FieldlabelDb, projectId: string, annotatorId: string, emit: (e: ModelEvent) => void): Promise<WorkerProject> {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('The project no longer exists.');
    const tasks = await loadTaskTexts(db, projectId);
    emit({ kind: 'prepare', done: 0, total: tasks.length });
    const learner = new ProjectLearner(project.taskType, project.labels, tasks, (done) => emit({ kind: 'prepare', done, total: tasks.length }));
    const learning = await getLearning(db, projectId);
    learner.curve = [...learning.curve];
    const opened = new WorkerProject(db, project, learner, learning, emit);
    for (const a of await loadAnnotatorDecisions(db, projectId, annotatorId)) {
      learner.record(a.taskId, a.value, a.status);
      opened.countOutcome(a.suggestionOutcome);
    }
    learner.train(project.strategy);
    return opened;
  }

  get activeModelId(): string | null {
    return this.learning.modelId;
  }

  /** Switches the dense features to `encoder` (or off), then embeds every task that has no vector yet. */
  async useEncoder(model: ModelInfo | null, encoder: Encoder | null): Promise<void> {
    const generation = ++this.generation;
    this.model = model;
    this.encoder = encoder;
    this.learning = { ...this.learning, modelId: model?.id ?? null };
    await putLearning(this.db, this.learning);
    if (!encoder || !model) {
      this.learner.useDense(null, new Map(), []);
      this.embedded = 0;
      this.retrainNow();
      return;
    }
    const stored = await loadEmbeddings(this.db, this.project.id, model.id);
    const labelVectors = await encoder.embed(this.project.labels.map((l) => `${l.name}. ${l.description ?? ''}`));
    this.learner.useDense(encoder.dims, stored, labelVectors);
    this.embedded = stored.size;
    this.retrainNow();
    const tasks = await loadTaskTexts(this.db, this.project.id);
    const missing = tasks.filter((t) => !stored.has(t.id));
    if (missing.length === 0) return;
    this.busy = 'embedding';
    this.emitStatus();
    const finished = await embedMissing({
      db: this.db,
      projectId: this.project.id,
      encoder,
      missing,
      alreadyDone: stored.size,
      total: tasks.length,
      isCancelled: () => generation !== this.generation,
      onChunk: (vectors) => vectors.forEach((v, id) => this.learner.setDense(id, v)),
      onProgress: (done, total) => {
        this.embedded = done;
        this.emit({ kind: 'embed', done, total });
      },
    });
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
    this.learner.record(record.taskId, record.value, record.status);
    this.countOutcome(record.outcome);
    if (this.retrainTimer !== null) clearTimeout(this.retrainTimer);
    this.retrainTimer = setTimeout(() => this.retrainNow(), RETRAIN_DELAY_MS);
  }

  suggest(taskId: string): Suggestion | null {
    return this.learner.suggest(taskId, this.model?.name ?? 'n-grams');
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
      modelVersion: `${this.model?.name ?? 'n-grams'}@${this.learner.version}`,
      estimatedAccuracy: this.learner.estimatedAccuracy,
      acceptanceRate: this.outcomes.decided === 0 ? null : this.outcomes.accepted / this.outcomes.decided,
      suggestionsDecided: this.outcomes.decided,
      curve: this.learner.curve,
      strategy: this.project.strategy,
      problem: this.problem,
    };
  }

  close(): void {
    this.generation++;
    if (this.retrainTimer !== null) clearTimeout(this.retrainTimer);
  }

  private retrainNow(): void {
    this.retrainTimer = null;
    this.learner.train(this.project.strategy);
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
