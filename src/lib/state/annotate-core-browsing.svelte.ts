// The half of the annotate session that shows tasks: which task is shown and which comes next, moving between
// them, progress, the advice fetched with each task, and the saved position. AnnotateSession (annotate-core.svelte.ts)
// adds storing decisions and undo; a task type (state/tasks/<type>/) extends that with what differs.
import type { FieldlabelDb } from '../db/database';
import { everyTaskDone, getProgress, sameVersion, type Progress } from '../db/annotations';
import { saveCursor } from '../db/projects';
import type { AnnotationRow, LocalAnnotator, ProjectRow, SuggestionRecord, TaskRow } from '../db/rows';
import { getTaskAt, isDone } from '../db/tasks';
import type { Suggestion } from '../model/api';
import type { Assistant } from './assistant';
import { ActionQueue } from './action-queue';
import { hidesSuggestion } from './annotator-seed';
import { PositionSaver } from './position-saver';
import { Prelabels } from './prelabels';
import { Advisor, fileOrModelSuggestion, NO_ADVICE, type Advice, type Prepared } from './task-advice';
import { TaskChooser } from './task-chooser';

/** One annotator's view of one project: the task shown, the next one ready, and what is known about both. */
export abstract class BrowsingSession<Extra = unknown> {
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
  /** Every step that reads or writes the session's state, in the order asked for: a burst of keys applies in order. */
  protected readonly actions = new ActionQueue((error) => {
    this.notice = `Could not save: ${(error as Error).message ?? String(error)}. Your earlier labels are safe.`;
  });
  private upcoming: Promise<Prepared<Extra> | undefined> | null = null;
  /** Suggestions kept from the screen for the anchoring check (see hidesSuggestion), by task: stored with the label. */
  private readonly withheld = new Map<string, Suggestion>();
  private readonly advisor: Advisor<Extra>;
  private readonly position: PositionSaver;

  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null) {
    this.db = db;
    this.project = project;
    this.annotator = annotator;
    this.assistant = assistant;
    this.prelabels = new Prelabels(db, project.id);
    this.position = new PositionSaver((seq) => saveCursor(db, project.id, seq));
    // Called only once a task is prepared, after the type's constructor has set up its own sources.
    this.advisor = new Advisor({ suggestion: (task) => this.shownSuggestion(task), extra: (task) => this.extraAdviceFor(task) });
    this.chooser = new TaskChooser(db, project, annotator.id, assistant, this.advisor);
  }

  // What a task type decides. ------------------------------------------------------------------------------------

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

  /** The project is read afresh (opening, an import, a merge, another tab). */
  protected reloading(): void {}

  /** No task is shown. */
  protected cleared(): void {}

  // The shared browsing. -------------------------------------------------------------------------------------------

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

  protected step(delta: number): Promise<void> {
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

  protected show(shown: Prepared<Extra>): void {
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

  /** Saves the position now if it moved since the last save. */
  savePosition(): Promise<void> {
    return this.position.save();
  }
}
