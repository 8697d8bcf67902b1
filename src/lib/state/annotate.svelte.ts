import type { FieldlabelDb } from '../db/database';
import { everyTaskDone, getProgress, progressAfter, sameVersion, suggestionOutcome, type AnnotationWrite, type Progress } from '../db/annotations';
import { saveCursor } from '../db/projects';
import type { AnnotationRow, AnnotationStatus, LocalAnnotator, ProjectRow, TaskRow } from '../db/rows';
import { getTaskAt, isDone } from '../db/tasks';
import type { AnnotateAction } from '../labels/keymap';
import type { Suggestion } from '../model/api';
import { decodeSpans, encodeSpans, isCanonical, type Span } from '../spans/span-value';
import type { SuggestedSpan } from '../spans/suggestions';
import type { Assistant } from './assistant';
import { ActionQueue } from './action-queue';
import { Decisions, type WriteOptions } from './decisions';
import { PositionSaver } from './position-saver';
import { runOnceMore } from './run-once-more';
import { Prelabels } from './prelabels';
import { ShownSpanSuggestions } from './shown-span-suggestions.svelte';
import { SpanSuggester, type LoadSteps } from './span-suggester';
import { Advisor, NO_ADVICE, type Advice, type Prepared } from './task-advice';
import { TaskChooser } from './task-chooser';

/** One annotator working through one project. Actions are queued, so a burst of keypresses applies in order. */
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
  /** Span projects: the current task's spans as saved. */
  spans = $state.raw<readonly Span[]>([]);
  /** Span projects: resolves once the annotator's earlier spans are suggested (open() does not wait for them). */
  dictionaryLoaded: Promise<void> = Promise.resolve();

  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly annotator: LocalAnnotator;
  private readonly assistant: Assistant | null;
  private readonly dictionarySteps: LoadSteps | undefined;
  private upcoming: Promise<Prepared | undefined> | null = null;
  private readonly spanSuggester: SpanSuggester | null;
  private readonly advisor: Advisor;
  private readonly chooser: TaskChooser;
  private readonly decisions: Decisions;
  private readonly shownSpans: ShownSpanSuggestions | null;
  private readonly position: PositionSaver;
  private readonly prelabels: Prelabels;
  private readonly actions = new ActionQueue((error) => {
    this.notice = `Could not save: ${(error as Error).message ?? String(error)}. Your earlier labels are safe.`;
  });

  /** `dictionarySteps`: how earlier spans are read (see SpanSuggester.load), held by tests; the others: see Decisions. */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null, options: WriteOptions & { dictionarySteps?: LoadSteps } = {}) {
    const { dictionarySteps } = options;
    this.db = db;
    this.dictionarySteps = dictionarySteps;
    this.project = project;
    this.annotator = annotator;
    this.assistant = assistant;
    const modelSpans = assistant?.suggestSpans?.bind(assistant) ?? null;
    this.prelabels = new Prelabels(db, project.id);
    this.spanSuggester = project.taskType === 'spans' ? new SpanSuggester(db, project, this.prelabels, modelSpans) : null;
    const shown = () => (this.task ? { task: this.task, spans: this.spans } : null);
    this.shownSpans = this.spanSuggester ? new ShownSpanSuggestions(this.spanSuggester, shown) : null;
    this.position = new PositionSaver((seq) => saveCursor(db, project.id, seq));
    this.decisions = new Decisions(db, options);
    this.advisor = new Advisor(this.prelabels, project, assistant, this.spanSuggester);
    this.chooser = new TaskChooser(db, project, annotator.id, assistant, this.advisor);
  }

  get canUndo(): boolean {
    return this.decisions.undoable > 0;
  }

  get undoCount(): number {
    return this.decisions.undoable;
  }

  /** Span projects: the suggestions not taken yet. */
  get spanSuggestions(): SuggestedSpan[] {
    return this.shownSpans?.list ?? [];
  }

  /** Opens where the annotator left off: the task under the saved cursor, else the first open one. */
  open(): Promise<void> {
    return this.actions.run(async () => {
      await this.reload();
      this.loaded = true;
    });
  }

  /** Reads the project again after an import, a merge or another tab brought tasks or labels, as open() does. */
  refresh(): Promise<void> {
    return this.actions.run(() => this.reload());
  }

  /**
   * Counts, pre-annotations and earlier spans afresh, and a task to show when none is shown, or the one shown is
   * gone (its import was rolled back): labelling or undoing it would store a label of a task the project lacks.
   * The task shown stays, shown again if another tab or a merge changed its label, and the one after it is read again.
   */
  private async reload(): Promise<void> {
    this.chooser.forgetOpenTasks();
    this.progress = await getProgress(this.db, this.project.id, this.annotator.id);
    await this.prelabels.load();
    this.dictionaryLoaded = this.loadDictionary();
    if (this.task && (await this.chooser.present(this.task))) {
      const annotation = await this.chooser.annotationOf(this.task);
      if (!sameVersion(annotation, this.annotation ?? undefined)) return this.show(await this.chooser.prepare(this.task, { annotation }));
      this.allDone = everyTaskDone(this.progress);
      return this.prepareAfter(this.task);
    }
    const task = await this.chooser.first(this.project.cursorSeq, everyTaskDone(this.progress));
    if (task) this.show(await this.chooser.prepare(task));
    else this.clear();
  }

  /**
   * The annotator's earlier spans, read beside the first task (a large project takes seconds), then the task shown is
   * matched again. Asked again meanwhile (imports in a row), it reads once more after the read under way, not beside.
   */
  private readonly loadDictionary = runOnceMore(async () => {
    try {
      await this.shownSpans?.loadEarlierSpans(this.annotator.id, this.dictionarySteps);
    } catch (error) {
      this.notice = `Could not read your earlier spans, so none are suggested: ${(error as Error).message ?? String(error)}`;
    }
  });

  /** Asks again for the current task's suggestion, e.g. once the model has finished opening the project. */
  refreshSuggestion(): Promise<void> {
    return this.actions.run(async () => {
      const task = this.task;
      if (!task) return;
      const advice = await this.advisor.advise(task);
      if (this.task?.id !== task.id) return;
      this.applyAdvice(task, advice);
      this.prepareAfter(task);
    });
  }

  /** Resolves once the task after the current one is ready to show (it is prepared in the background). */
  async nextPrepared(): Promise<void> {
    await this.actions.settled();
    await this.upcoming?.catch(() => undefined);
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
    return this.actions.run(async () => {
      if (!this.task) return;
      this.selection = this.selection.includes(label) ? this.selection.filter((l) => l !== label) : [...this.selection, label];
    });
  }

  /**
   * Span projects: the editor changed the spans; saved once the edit is on screen (see writeAfterPaint), the task
   * staying on screen. Without spans left the task is open again: only Done says there is nothing to mark (a vote in
   * agreement and review), never the removal of a span made by mistake.
   */
  editSpans(spans: readonly Span[]): Promise<void> {
    let refreshed: Promise<void> = Promise.resolve();
    const step = this.actions.run(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const status = spans.length > 0 ? 'labelled' : 'retracted';
      const write: AnnotationWrite = { projectId: this.project.id, taskId: task.id, value: encodeSpans(spans), status, suggestion: this.shownSpans?.record() ?? null };
      const after = await this.decisions.storeAfterPaint(write, task, before);
      if (status === 'labelled') this.chooser.decided(task.id);
      else this.chooser.forgetOpenTasks();
      this.progress = progressAfter(this.progress, before, after);
      this.annotation = after;
      // The editor's own list when storing changed nothing in it: the editor then knows it for the edit it sent.
      this.spans = isCanonical(spans) ? spans : decodeSpans(after.value);
      this.spanSuggester?.learn(task, this.spans);
      refreshed = this.shownSpans?.showSoon() ?? Promise.resolve();
      this.savedAt = after.updatedAt;
      this.notice = status === 'labelled' ? null : 'No spans left: the task is open again. Ctrl+Enter marks it as having nothing to mark.';
    }, { writes: true });
    return step.then(() => refreshed);
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
      return this.actions.run(async () => {
        if (this.task) await this.advanceFrom(this.task);
      });
    }
    if (this.suggestion) return this.commit('labelled', this.suggestion.value);
    this.notice = 'No suggestion for this task yet: press a label key.';
    return Promise.resolve();
  }

  /**
   * Stores the decision and shows the next task without waiting for the commit: the transaction is opened before
   * the next task is drawn, so IndexedDB orders every later read and write after it, and the progress count and
   * "Saved" line move only once it is committed. Resolves when the label is stored (or its failure is handled).
   */
  private commit(status: AnnotationStatus, value: string[]): Promise<void> {
    let saved: Promise<void> = Promise.resolve();
    const step = this.actions.run(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const suggestion = this.suggestion && this.suggestion.taskId === task.id ? this.suggestion : null;
      const write: AnnotationWrite = {
        projectId: this.project.id,
        taskId: task.id,
        value,
        status,
        suggestion: this.shownSpans
          ? this.shownSpans.record()
          : suggestion && { value: suggestion.value, confidence: suggestion.confidence, modelVersion: suggestion.modelVersion },
      };
      saved = this.save(write, task, before);
      // A skipped span task keeps no spans, so they stop being dictionary phrases (a label keeps them as learned).
      if (status !== 'labelled') this.spanSuggester?.learn(task, []);
      this.chooser.decided(task.id);
      // Told before the next task is chosen, so the model never offers the task just decided.
      this.assistant?.record({ taskId: task.id, value: status === 'labelled' ? value : [], status, outcome: suggestionOutcome(write) });
      this.notice = null;
      await this.advanceFrom(task);
    }, { writes: true });
    return step.then(() => saved);
  }

  private save(write: AnnotationWrite, task: TaskRow, before: AnnotationRow | undefined): Promise<void> {
    return this.decisions.store(write, task, before).then(
      (after) => {
        this.progress = progressAfter(this.progress, before, after);
        this.savedAt = after.updatedAt;
      },
      (error: unknown) => this.saveFailed(task, before, error),
    );
  }

  /** The label did not reach the database: say so, forget it everywhere, and bring its task back. */
  private saveFailed(task: TaskRow, before: AnnotationRow | undefined, error: unknown): Promise<void> {
    this.chooser.forgetOpenTasks();
    this.assistant?.record({ taskId: task.id, value: before?.value ?? [], status: before?.status ?? 'retracted', outcome: null });
    const reason = error instanceof Error ? error.message : String(error);
    return this.actions.run(async () => {
      this.show(await this.chooser.prepare(task));
      this.notice = `Could not save the label of task ${(task.seq + 1).toLocaleString('en-US')}: ${reason}. It is shown again; your earlier labels are safe.`;
    });
  }

  private undo(): Promise<void> {
    return this.actions.run(async () => {
      this.chooser.forgetOpenTasks();
      const undone = await this.decisions.takeBack((task) => this.chooser.present(task));
      if (undone.kind !== 'undone') {
        this.notice = undone.notice;
        if (undone.kind === 'changed') this.show(await this.chooser.prepare(undone.task));
        return;
      }
      const { task, stored, after } = undone;
      this.assistant?.record({ taskId: task.id, value: after.value, status: after.status, outcome: null });
      // Undone spans stop being dictionary phrases (a retracted task has none).
      this.spanSuggester?.learn(task, decodeSpans(after.value));
      this.progress = progressAfter(this.progress, stored, after);
      this.savedAt = after.updatedAt;
      this.notice = null;
      this.show(await this.chooser.prepare(task, { annotation: after }));
    }, { writes: true });
  }

  private step(delta: number): Promise<void> {
    return this.actions.run(async () => {
      if (!this.task) return;
      const task = await getTaskAt(this.db, this.project.id, this.task.seq + delta);
      if (!task) {
        this.notice = delta < 0 ? 'This is the first task.' : 'This is the last task.';
        return;
      }
      this.show(await this.chooser.prepare(task));
    });
  }

  private async advanceFrom(task: TaskRow): Promise<void> {
    let next = await (this.upcoming ?? this.chooser.after(task));
    if (!next || next.task.id === task.id || isDone(next.annotation)) next = await this.chooser.after(task);
    if (next) return this.show(next);
    this.allDone = true;
    this.annotation = (await this.chooser.annotationOf(task)) ?? null;
    this.selection = this.annotation?.status === 'labelled' ? [...this.annotation.value] : [];
  }

  private show(shown: Prepared): void {
    this.task = shown.task;
    this.annotation = shown.annotation ?? null;
    const labelled = shown.annotation?.status === 'labelled';
    this.selection = labelled ? [...(shown.annotation?.value ?? [])] : [];
    if (this.shownSpans) {
      this.spans = labelled ? decodeSpans(shown.annotation?.value ?? []) : [];
      this.shownSpans.newTask();
    }
    this.applyAdvice(shown.task, shown.ready ?? NO_ADVICE);
    if (!shown.ready) {
      void shown.advice.then((advice) => {
        if (this.task === shown.task) this.applyAdvice(shown.task, advice);
      });
    }
    this.allDone = everyTaskDone(this.progress);
    this.prepareAfter(shown.task);
    this.position.moved(shown.task.seq);
  }

  /** The following task is prepared at once (reads only), so a keypress right after this paint finds it ready. */
  private prepareAfter(task: TaskRow): void {
    this.upcoming = this.chooser.after(task);
    this.upcoming.catch(() => undefined);
  }

  /** Shows what the model or file suggests; pre-selects it only while the annotator has chosen nothing. */
  private applyAdvice(task: TaskRow, advice: Advice): void {
    this.suggestion = advice.suggestion;
    if (this.annotation?.status !== 'labelled' && advice.suggestion && this.selection.length === 0) {
      this.selection = [...advice.suggestion.value];
    }
    this.shownSpans?.show(task, this.spans, advice.spanSources);
  }

  private clear(): void {
    this.task = null;
    this.annotation = null;
    this.suggestion = null;
    this.selection = [];
    this.spans = [];
    this.shownSpans?.clear();
  }

  /** A decision or edit is not committed yet: the page closing now could lose it. */
  get unsaved(): boolean {
    return this.actions.writing || this.decisions.busy;
  }

  /** Resolves once every decision asked for so far is stored or has failed (another tab is taking the project over). */
  async settled(): Promise<void> {
    await this.actions.settled();
    await this.decisions.settled();
  }

  /** The page is being hidden or closed: labels waiting for the commit under way go now, and the position too. */
  leaving(): Promise<void> {
    this.decisions.flush();
    return this.savePosition();
  }

  /** Saves the position now if it moved since the last save. */
  savePosition(): Promise<void> {
    return this.position.save();
  }
}
