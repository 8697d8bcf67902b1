import type { FieldlabelDb } from '../db/database';
import { getAnnotation, getProgress, writeAnnotation, type Progress } from '../db/annotations';
import { saveCursor } from '../db/projects';
import { getPrelabel } from '../db/spans';
import type { AnnotationRow, AnnotationStatus, LocalAnnotator, ProjectRow, SuggestionRecord, TaskRow } from '../db/rows';
import { findOpenTask, getTaskAt, isDone } from '../db/tasks';
import type { AnnotateAction } from '../labels/keymap';
import type { Suggestion } from '../model/api';
import { decodeSpans, encodeSpan, encodeSpans, type Span } from '../spans/span-value';
import type { SuggestedSpan } from '../spans/suggestions';
import type { Assistant } from './assistant';
import { SpanSuggester, type PrefetchedSpans } from './span-suggester';

interface Shown {
  task: TaskRow;
  annotation: AnnotationRow | undefined;
  suggestion: Suggestion | null;
  spanSources: PrefetchedSpans | null;
}

interface UndoEntry {
  task: TaskRow;
  before: AnnotationRow | undefined;
}

const UNDO_DEPTH = 200;

/** Runs `work` after the next frame is painted (in Node tests, on the next turn). */
function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}

/**
 * One annotator working through one project. Every action is queued, so a burst of keypresses is applied in
 * order, and each label is committed to IndexedDB before the next task shows.
 */
export class AnnotateSession {
  task = $state.raw<TaskRow | null>(null);
  annotation = $state.raw<AnnotationRow | null>(null);
  /** The model's proposal for the current task, pre-selected; Enter accepts it. */
  suggestion = $state.raw<Suggestion | null>(null);
  /** Multi-label: the labels toggled on for the current task, not yet submitted. */
  selection = $state<string[]>([]);
  progress = $state<Progress>({ total: 0, labelled: 0, skipped: 0 });
  loaded = $state(false);
  /** True when every task is labelled or skipped. */
  allDone = $state(false);
  savedAt = $state<number | null>(null);
  notice = $state<string | null>(null);
  helpOpen = $state(false);
  /** Span projects: the current task's spans as saved, and the suggestions not taken yet. */
  spans = $state.raw<Span[]>([]);
  spanSuggestions = $state.raw<SuggestedSpan[]>([]);

  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly annotator: LocalAnnotator;
  private readonly assistant: Assistant | null;
  private queue: Promise<void> = Promise.resolve();
  private undoStack: UndoEntry[] = [];
  private upcoming: Promise<Shown | undefined> | null = null;
  private readonly spanSuggester: SpanSuggester | null;
  private spanSources: PrefetchedSpans | null = null;
  /** Every span suggested on the current task, accepted or not, keyed by its value: what the suggestion record keeps. */
  private offered = new Map<string, SuggestedSpan>();

  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null) {
    this.db = db;
    this.project = project;
    this.annotator = annotator;
    this.assistant = assistant;
    const modelSpans = assistant?.suggestSpans?.bind(assistant) ?? null;
    this.spanSuggester = project.taskType === 'spans' ? new SpanSuggester(db, project, modelSpans) : null;
  }

  get canUndo(): boolean {
    return this.undoCount > 0;
  }
  undoCount = $state(0);

  /** Opens where the annotator left off: the task under the saved cursor, else the first open one. */
  open(): Promise<void> {
    return this.enqueue(async () => {
      this.progress = await getProgress(this.db, this.project.id, this.annotator.id);
      await this.spanSuggester?.load(this.annotator.id);
      const atCursor = await getTaskAt(this.db, this.project.id, this.project.cursorSeq);
      const task = atCursor ?? (await findOpenTask(this.db, this.project.id, this.annotator.id, 0));
      if (task) await this.show(await this.prepare(task));
      else this.clear();
      this.loaded = true;
    });
  }

  /** Counts again from the database, e.g. after an import added tasks. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      this.progress = await getProgress(this.db, this.project.id, this.annotator.id);
      if (!this.task) {
        const task = await findOpenTask(this.db, this.project.id, this.annotator.id, 0);
        if (task) await this.show(await this.prepare(task));
      }
    });
  }

  /** Asks again for the current task's suggestion, e.g. once the model has finished opening the project. */
  refreshSuggestion(): Promise<void> {
    return this.enqueue(async () => {
      const task = this.task;
      if (!task) return;
      const [suggestion, spanSources] = await Promise.all([this.suggestionFor(task), this.spanSourcesFor(task)]);
      if (this.task?.id !== task.id) return;
      this.suggestion = suggestion;
      this.spanSources = spanSources;
      this.showSpanSuggestions(task);
      if (this.annotation?.status !== 'labelled' && suggestion) this.selection = [...suggestion.value];
      this.upcoming = this.openAfter(task);
      this.upcoming.catch(() => undefined);
    });
  }

  perform(action: AnnotateAction): Promise<void> {
    switch (action.kind) {
      case 'help':
        this.helpOpen = !this.helpOpen;
        return Promise.resolve();
      case 'label':
        if (this.project.taskType === 'spans') return Promise.resolve();
        return this.project.taskType === 'single' ? this.commit('labelled', [action.label]) : this.toggle(action.label);
      case 'submit':
        return this.submit();
      case 'skip':
        return this.commit('skipped', []);
      case 'previous':
        return this.step(-1);
      case 'next':
        return this.step(1);
      case 'undo':
        return this.undo();
    }
  }

  private toggle(label: string): Promise<void> {
    return this.enqueue(async () => {
      if (!this.task) return;
      this.selection = this.selection.includes(label) ? this.selection.filter((l) => l !== label) : [...this.selection, label];
    });
  }

  /** Span projects: the editor changed the spans; they are saved at once and the task stays on screen. */
  editSpans(spans: readonly Span[]): Promise<void> {
    return this.enqueue(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const after = await writeAnnotation(this.db, {
        projectId: this.project.id,
        taskId: task.id,
        value: encodeSpans(spans),
        status: 'labelled',
        suggestion: this.spanSuggestionRecord(),
      });
      this.pushUndo({ task, before });
      this.count(before, after);
      this.annotation = after;
      this.spans = decodeSpans(after.value);
      this.spanSuggester?.learn(task, this.spans);
      this.showSpanSuggestions(task);
      this.savedAt = after.updatedAt;
      this.notice = null;
    });
  }

  /** Takes suggested spans as they are (all of them, or the one under the cursor). */
  acceptSpans(accepted: readonly SuggestedSpan[]): Promise<void> {
    if (accepted.length === 0) return Promise.resolve();
    return this.editSpans([...this.spans, ...accepted.map(({ start, end, label }) => ({ start, end, label }))]);
  }

  private submit(): Promise<void> {
    if (this.project.taskType === 'spans') return this.commit('labelled', encodeSpans(this.spans));
    if (this.project.taskType === 'multi') {
      if (this.task && this.selection.length === 0) {
        this.notice = 'Choose at least one label, or skip the task.';
        return Promise.resolve();
      }
      const ordered = this.project.labels.map((l) => l.name).filter((n) => this.selection.includes(n));
      return this.commit('labelled', ordered);
    }
    // Single label: Enter confirms a task that already carries a label, else accepts the suggestion.
    if (this.annotation?.status === 'labelled') {
      return this.enqueue(async () => {
        if (this.task) await this.advanceFrom(this.task);
      });
    }
    if (this.suggestion) return this.commit('labelled', this.suggestion.value);
    this.notice = 'No suggestion for this task yet: press a label key.';
    return Promise.resolve();
  }

  private commit(status: AnnotationStatus, value: string[]): Promise<void> {
    return this.enqueue(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const suggestion = this.suggestion && this.suggestion.taskId === task.id ? this.suggestion : null;
      const after = await writeAnnotation(this.db, {
        projectId: this.project.id,
        taskId: task.id,
        value,
        status,
        suggestion: this.spanSuggester
          ? this.spanSuggestionRecord()
          : suggestion && { value: suggestion.value, confidence: suggestion.confidence, modelVersion: suggestion.modelVersion },
      });
      this.assistant?.record({ taskId: task.id, value: after.value, status: after.status, outcome: after.suggestionOutcome });
      this.pushUndo({ task, before });
      this.count(before, after);
      this.savedAt = after.updatedAt;
      this.notice = null;
      await this.advanceFrom(task);
    });
  }

  private undo(): Promise<void> {
    return this.enqueue(async () => {
      const entry = this.undoStack.pop();
      this.undoCount = this.undoStack.length;
      if (!entry) {
        this.notice = 'Nothing to undo.';
        return;
      }
      const current = await this.annotationOf(entry.task);
      const restored = entry.before && isDone(entry.before) ? entry.before : undefined;
      const after = await writeAnnotation(this.db, {
        projectId: this.project.id,
        taskId: entry.task.id,
        value: restored?.value ?? [],
        status: restored?.status ?? 'retracted',
      });
      this.assistant?.record({ taskId: entry.task.id, value: after.value, status: after.status, outcome: null });
      this.count(current, after);
      this.savedAt = after.updatedAt;
      this.notice = null;
      const [suggestion, spanSources] = await Promise.all([this.suggestionFor(entry.task), this.spanSourcesFor(entry.task)]);
      await this.show({ task: entry.task, annotation: after, suggestion, spanSources });
    });
  }

  private step(delta: number): Promise<void> {
    return this.enqueue(async () => {
      if (!this.task) return;
      const task = await getTaskAt(this.db, this.project.id, this.task.seq + delta);
      if (!task) {
        this.notice = delta < 0 ? 'This is the first task.' : 'This is the last task.';
        return;
      }
      await this.show(await this.prepare(task));
    });
  }

  private async advanceFrom(task: TaskRow): Promise<void> {
    let next = await (this.upcoming ?? this.openAfter(task));
    if (!next || next.task.id === task.id || isDone(next.annotation)) next = await this.openAfter(task);
    if (next) await this.show(next);
    else {
      this.allDone = true;
      this.annotation = (await this.annotationOf(task)) ?? null;
    }
  }

  private async openAfter(task: TaskRow): Promise<Shown | undefined> {
    const chosenSeq = (await this.assistant?.nextOpenSeq(task.seq).catch(() => null)) ?? null;
    const chosen = chosenSeq === null ? undefined : await getTaskAt(this.db, this.project.id, chosenSeq);
    const found = chosen ?? (await findOpenTask(this.db, this.project.id, this.annotator.id, task.seq + 1));
    if (!found || found.id === task.id) return undefined;
    return this.prepare(found);
  }

  private async prepare(task: TaskRow): Promise<Shown> {
    const [annotation, suggestion, spanSources] = await Promise.all([this.annotationOf(task), this.suggestionFor(task), this.spanSourcesFor(task)]);
    return { task, annotation, suggestion, spanSources };
  }

  private async spanSourcesFor(task: TaskRow): Promise<PrefetchedSpans | null> {
    return this.spanSuggester ? this.spanSuggester.prefetch(task) : null;
  }

  private showSpanSuggestions(task: TaskRow): void {
    if (!this.spanSuggester) return;
    this.spanSuggestions = this.spanSuggester.combine(task, this.spanSources, this.spans);
    for (const span of this.spanSuggestions) this.offered.set(encodeSpan(span), span);
  }

  /** All spans suggested on this task so far, so each one's fate can be read off against the saved spans. */
  private spanSuggestionRecord(): SuggestionRecord | null {
    if (this.offered.size === 0) return null;
    const offered = [...this.offered.values()];
    const confidences = offered.map((s) => s.confidence).filter((c): c is number => c !== null);
    return {
      value: encodeSpans(offered),
      confidence: confidences.length === 0 ? 0 : confidences.reduce((a, b) => a + b, 0) / confidences.length,
      modelVersion: [...new Set(offered.map((s) => s.source))].sort().join('+'),
    };
  }

  /**
   * A pre-annotation that came with the task's file wins over the model's guess: it was made for exactly this text
   * (as in span projects, see suggestions.ts).
   */
  private async suggestionFor(task: TaskRow): Promise<Suggestion | null> {
    if (this.spanSuggester) return null;
    const prelabel = await getPrelabel(this.db, this.project.id, task.id);
    if (prelabel && prelabel.value.length > 0) {
      const value = this.project.taskType === 'single' ? prelabel.value.slice(0, 1) : prelabel.value;
      return { taskId: task.id, value, confidence: prelabel.score ?? 0, scores: [], modelVersion: `file:${prelabel.source}` };
    }
    if (!this.assistant) return null;
    try {
      return await this.assistant.suggest(task.id);
    } catch {
      // A model problem must never block labelling: the task shows without a suggestion.
      return null;
    }
  }

  private async show(shown: Shown): Promise<void> {
    this.task = shown.task;
    this.annotation = shown.annotation ?? null;
    this.suggestion = shown.suggestion;
    const labelled = shown.annotation?.status === 'labelled';
    this.selection = labelled ? [...(shown.annotation?.value ?? [])] : shown.suggestion ? [...shown.suggestion.value] : [];
    if (this.spanSuggester) {
      this.spans = labelled ? decodeSpans(shown.annotation?.value ?? []) : [];
      this.spanSources = shown.spanSources;
      this.offered = new Map();
      this.showSpanSuggestions(shown.task);
    }
    this.allDone = this.progress.total > 0 && this.progress.labelled + this.progress.skipped >= this.progress.total;
    // Prepare the following task and save the position once this one is painted: the next keypress then
    // finds its task ready, and neither read nor write competes with the paint of this one.
    this.upcoming = null;
    afterPaint(() => {
      if (this.task !== shown.task) return;
      this.upcoming ??= this.openAfter(shown.task);
      this.upcoming.catch(() => undefined);
      this.rememberPosition(shown.task.seq);
    });
  }

  private clear(): void {
    this.task = null;
    this.annotation = null;
    this.suggestion = null;
    this.selection = [];
    this.spans = [];
    this.spanSuggestions = [];
  }

  private annotationOf(task: TaskRow): Promise<AnnotationRow | undefined> {
    return getAnnotation(this.db, this.project.id, task.id, this.annotator.id);
  }

  private count(before: AnnotationRow | undefined, after: AnnotationRow): void {
    const next = { ...this.progress };
    if (before?.status === 'labelled') next.labelled--;
    if (before?.status === 'skipped') next.skipped--;
    if (after.status === 'labelled') next.labelled++;
    if (after.status === 'skipped') next.skipped++;
    this.progress = next;
  }

  private pushUndo(entry: UndoEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    this.undoCount = this.undoStack.length;
  }

  /** Not awaited: the cursor lives in another table, so its write never delays the next label's. */
  private rememberPosition(seq: number): void {
    saveCursor(this.db, this.project.id, seq).catch(() => undefined);
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step).catch((error: unknown) => {
      this.notice = `Could not save: ${(error as Error).message ?? String(error)}. Your earlier labels are safe.`;
    });
    this.queue = run;
    return run;
  }
}
