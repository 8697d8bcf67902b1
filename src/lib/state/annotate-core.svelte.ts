// The annotate session every task type shares: which task is shown and which comes next, progress, storing decisions
// (group commits through the project's write gate), undo, the saved position, and the queue that applies a burst of
// keys in order. A task type (state/tasks/<type>/) extends it with what differs: what a label key and Enter do, the
// state it shows beside the task, and the advice it fetches ahead.
import type { FieldlabelDb } from '../db/database';
import { everyTaskDone, getProgress, progressAfter, sameVersion, suggestionOutcome, type AnnotationWrite, type Progress } from '../db/annotations';
import { saveCursor } from '../db/projects';
import type { AnnotationRow, AnnotationStatus, LocalAnnotator, ProjectRow, SuggestionRecord, TaskRow } from '../db/rows';
import { getTaskAt, isDone } from '../db/tasks';
import type { AnnotateAction } from '../labels/keymap';
import type { Suggestion } from '../model/api';
import type { Assistant } from './assistant';
import { ActionQueue } from './action-queue';
import { hidesSuggestion } from './annotator-seed';
import { Decisions, type WriteOptions } from './decisions';
import { PositionSaver } from './position-saver';
import { Prelabels } from './prelabels';
import { Advisor, fileOrModelSuggestion, NO_ADVICE, type Advice, type Prepared } from './task-advice';
import { TaskChooser } from './task-chooser';

/** One annotator working through one project. Actions are queued, so a burst of keypresses applies in order. */
export abstract class AnnotateSession<Extra = unknown> {
  task = $state.raw<TaskRow | null>(null);
  annotation = $state.raw<AnnotationRow | null>(null);
  /** The model's (or a file's) proposal for the current task, pre-selected; Enter accepts it. */
  suggestion = $state.raw<Suggestion | null>(null);
  progress = $state<Progress>({ total: 0, labelled: 0, skipped: 0 });
  loaded = $state(false);
  /** True when every task is labelled or skipped. */
  allDone = $state(false);
  savedAt = $state<number | null>(null);
  notice = $state<string | null>(null);
  helpOpen = $state(false);

  protected readonly db: FieldlabelDb;
  protected readonly project: ProjectRow;
  protected readonly annotator: LocalAnnotator;
  protected readonly assistant: Assistant | null;
  protected readonly prelabels: Prelabels;
  protected readonly chooser: TaskChooser<Extra>;
  protected readonly decisions: Decisions;
  protected readonly actions = new ActionQueue((error) => {
    this.notice = `Could not save: ${(error as Error).message ?? String(error)}. Your earlier labels are safe.`;
  });
  private upcoming: Promise<Prepared<Extra> | undefined> | null = null;
  /** Suggestions kept from the screen for the anchoring check (see hidesSuggestion), by task: stored with the label. */
  private readonly withheld = new Map<string, Suggestion>();
  private readonly advisor: Advisor<Extra>;
  private readonly position: PositionSaver;

  /** `options`: see Decisions. */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null, options: WriteOptions = {}) {
    this.db = db;
    this.project = project;
    this.annotator = annotator;
    this.assistant = assistant;
    this.prelabels = new Prelabels(db, project.id);
    this.position = new PositionSaver((seq) => saveCursor(db, project.id, seq));
    this.decisions = new Decisions(db, options);
    // Called only once a task is prepared, after the type's constructor has set up its own sources.
    this.advisor = new Advisor({ suggestion: (task) => this.shownSuggestion(task), extra: (task) => this.extraAdviceFor(task) });
    this.chooser = new TaskChooser(db, project, annotator.id, assistant, this.advisor);
  }

  // What a task type decides. ------------------------------------------------------------------------------------

  /** A label's key or button. */
  protected abstract chooseLabel(label: string): Promise<void>;

  /** Enter (the span editor's Ctrl+Enter), or the Submit / Done button. */
  protected abstract submit(): Promise<void>;

  /** The whole-task suggestion: by default a file's pre-annotation as it is, else the model's guess. */
  protected suggestionFor(task: TaskRow): Promise<Suggestion | null> {
    return fileOrModelSuggestion(task, this.prelabels, this.assistant);
  }

  /** The share of tasks whose suggestion is hidden from this annotator (the anchoring check); none by default. */
  protected hiddenSuggestionShare(): number {
    return 0;
  }

  /** What else the type fetches ahead with a task (see Advice.extra). */
  protected extraAdviceFor(_task: TaskRow): Promise<Extra | null> {
    return Promise.resolve(null);
  }

  /** What a decision stores about the suggestion shown with it, so its fate can be counted. */
  protected suggestionRecord(task: TaskRow): SuggestionRecord | null {
    const s = this.suggestion && this.suggestion.taskId === task.id ? this.suggestion : null;
    if (s) return { value: s.value, confidence: s.confidence, modelVersion: s.modelVersion };
    const hidden = this.withheld.get(task.id);
    return hidden ? { value: hidden.value, confidence: hidden.confidence, modelVersion: hidden.modelVersion, hidden: true } : null;
  }

  /** The next task is chosen (null: none is open after this one); it is shown once this one is decided. */
  protected upcomingChosen(_task: TaskRow | null): void {}

  /** Another task is shown (`shown.annotation` is its label as stored): the type's state follows it. */
  protected taskShown(_shown: Prepared<Extra>): void {}

  /** The last open task was just decided and stays on screen with its stored annotation. */
  protected lastTaskDecided(_annotation: AnnotationRow | null): void {}

  /** The advice for the task shown arrived (or was asked for again). */
  protected adviceShown(_task: TaskRow, _advice: Advice<Extra>): void {}

  /** A decision on `task` was asked for (its write may still be on its way). */
  protected decided(_task: TaskRow, _status: AnnotationStatus): void {}

  /** Undo stored `after` for `task`. */
  protected undone(_task: TaskRow, _after: AnnotationRow): void {}

  /** The project is read afresh (opening, an import, a merge, another tab). */
  protected reloading(): void {}

  /** No task is shown. */
  protected cleared(): void {}

  // The shared session. --------------------------------------------------------------------------------------------

  /** The type's suggestion, unless this task is one of the seeded share on which it is hidden. */
  private async shownSuggestion(task: TaskRow): Promise<Suggestion | null> {
    const suggestion = await this.suggestionFor(task);
    if (suggestion && hidesSuggestion(this.annotator.id, task.id, this.hiddenSuggestionShare())) {
      this.withheld.set(task.id, suggestion);
      return null;
    }
    this.withheld.delete(task.id);
    return suggestion;
  }

  get canUndo(): boolean {
    return this.decisions.undoable > 0;
  }

  get undoCount(): number {
    return this.decisions.undoable;
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
   * Counts, pre-annotations and the type's own state afresh, and a task to show when none is shown, or the one shown
   * is gone (its import was rolled back): labelling or undoing it would store a label of a task the project lacks.
   * The task shown stays, shown again if another tab or a merge changed its label, and the one after it is read again.
   */
  private async reload(): Promise<void> {
    this.chooser.forgetOpenTasks();
    this.progress = await getProgress(this.db, this.project.id, this.annotator.id);
    await this.prelabels.load();
    this.reloading();
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
        return this.chooseLabel(action.label);
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

  /**
   * Stores the decision and shows the next task without waiting for the commit: the transaction is opened before
   * the next task is drawn, so IndexedDB orders every later read and write after it, and the progress count and
   * "Saved" line move only once it is committed. Resolves when the label is stored (or its failure is handled).
   */
  protected commit(status: AnnotationStatus, value: string[]): Promise<void> {
    let saved: Promise<void> = Promise.resolve();
    const step = this.actions.run(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const write: AnnotationWrite = { projectId: this.project.id, taskId: task.id, value, status, suggestion: this.suggestionRecord(task) };
      saved = this.save(write, task, before);
      this.decided(task, status);
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
      this.undone(task, after);
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

  /** Shows the task after `task` (prepared ahead), or, when none is open, keeps `task` with its stored annotation. */
  protected async advanceFrom(task: TaskRow): Promise<void> {
    let next = await (this.upcoming ?? this.chooser.after(task));
    if (!next || next.task.id === task.id || isDone(next.annotation)) next = await this.chooser.after(task);
    if (next) return this.show(next);
    this.allDone = true;
    this.annotation = (await this.chooser.annotationOf(task)) ?? null;
    this.lastTaskDecided(this.annotation);
  }

  private show(shown: Prepared<Extra>): void {
    this.task = shown.task;
    this.annotation = shown.annotation ?? null;
    this.taskShown(shown);
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
    const upcoming = this.chooser.after(task);
    this.upcoming = upcoming;
    upcoming.then(
      (next) => {
        if (this.upcoming === upcoming) this.upcomingChosen(next?.task ?? null);
      },
      () => undefined,
    );
  }

  private applyAdvice(task: TaskRow, advice: Advice<Extra>): void {
    this.suggestion = advice.suggestion;
    this.adviceShown(task, advice);
  }

  private clear(): void {
    this.task = null;
    this.annotation = null;
    this.suggestion = null;
    this.cleared();
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
