import type { FieldlabelDb } from '../../db/database';
import { everyTaskDone, getProgress, progressAfter, sameVersion, type AnnotationWrite, type Progress } from '../../db/annotations';
import { saveCursor } from '../../db/projects';
import type { AnnotationRow, AnnotationStatus, LocalAnnotator, ProjectRow, TaskRow } from '../../db/rows';
import { getTaskAt, isDone } from '../../db/tasks';
import { DEFAULT_RUBRIC, decodeJudgement, encodeJudgement, MIN_RESPONSES, type ModelResponse, type Rubric } from '../../domain/compare';
import { ActionQueue } from '../action-queue';
import type { Assistant } from '../assistant';
import { Decisions, type WriteOptions } from '../decisions';
import { PositionSaver } from '../position-saver';
import { Prelabels } from '../prelabels';
import { Advisor, fileOrModelSuggestion, type Prepared } from '../task-advice';
import { TaskChooser } from '../task-chooser';
import type { CompareAction } from './compare-keys';
import {
  asksOnlyPreference, correct, correctionTarget, draftOf, EMPTY_DRAFT, judgementOf, missingAnswer, numberKeysAnswer, prefer, preferNeither, rate,
  type JudgementDraft, type NumberKeysAnswer,
} from './judgement-draft';
import { orderToShow } from './shown-order';

/**
 * One annotator judging a compare project's tasks: the conversation and its responses in the annotator's own order,
 * the rubric's answers gathered into a draft, stored as one judgement through the same write path as a label
 * (group commit, strict durability, undo, the project's write gate). Actions are queued, so a burst of keys applies
 * in order.
 */
export class CompareSession {
  task = $state.raw<TaskRow | null>(null);
  annotation = $state.raw<AnnotationRow | null>(null);
  /** The current task's responses in the order shown: A first. */
  shown = $state.raw<readonly ModelResponse[]>([]);
  draft = $state.raw<JudgementDraft>(EMPTY_DRAFT);
  /** The correction editor is open (E opens it, Esc leaves). */
  editing = $state(false);
  progress = $state<Progress>({ total: 0, labelled: 0, skipped: 0 });
  loaded = $state(false);
  allDone = $state(false);
  savedAt = $state<number | null>(null);
  notice = $state<string | null>(null);
  helpOpen = $state(false);
  /** The task shown after this one, once it is read: the screen renders its responses ahead. */
  upcomingTask = $state.raw<TaskRow | null>(null);
  readonly rubric: Rubric;

  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly annotator: LocalAnnotator;
  private readonly assistant: Assistant | null;
  private readonly prelabels: Prelabels;
  private readonly chooser: TaskChooser<never>;
  private readonly decisions: Decisions;
  private readonly position: PositionSaver;
  private upcoming: Promise<Prepared<never> | undefined> | null = null;
  private readonly actions = new ActionQueue((error) => {
    this.notice = `Could not save: ${(error as Error).message ?? String(error)}. Your earlier judgements are safe.`;
  });

  /** `assistant`: what chooses the next task and hears of each judgement (the reward model), if any. */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null, options: WriteOptions = {}) {
    this.db = db;
    this.project = project;
    this.annotator = annotator;
    this.assistant = assistant;
    this.rubric = project.rubric ?? DEFAULT_RUBRIC;
    this.prelabels = new Prelabels(db, project.id);
    this.chooser = new TaskChooser(
      db,
      project,
      annotator.id,
      assistant,
      new Advisor<never>({ suggestion: (task) => fileOrModelSuggestion(task, this.prelabels, assistant), extra: async () => null }),
    );
    this.decisions = new Decisions(db, options);
    this.position = new PositionSaver((seq) => saveCursor(db, project.id, seq));
  }

  get shownIds(): string[] {
    return this.shown.map((response) => response.id);
  }

  /** What the number keys answer now (see numberKeysAnswer). */
  get numberKeys(): NumberKeysAnswer {
    return numberKeysAnswer(this.draft, this.rubric);
  }

  get canUndo(): boolean {
    return this.decisions.undoable > 0;
  }

  /** Opens where the annotator left off: the task under the saved cursor, else the first open one. */
  open(): Promise<void> {
    return this.actions.run(async () => {
      await this.reload();
      this.loaded = true;
    });
  }

  /** Reads the project again after an import, a merge or another tab brought tasks or judgements. */
  refresh(): Promise<void> {
    return this.actions.run(() => this.reload());
  }

  /** The model opened the project: the next task is chosen again in its order. */
  refreshSuggestion(): Promise<void> {
    return this.actions.run(async () => {
      if (this.task) this.prepareAfter(this.task);
    });
  }

  private async reload(): Promise<void> {
    this.chooser.forgetOpenTasks();
    this.progress = await getProgress(this.db, this.project.id, this.annotator.id);
    await this.prelabels.load();
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

  /** `tap`: a touch on a preference button, which stores the judgement at once when the rubric asks nothing else. */
  perform(action: CompareAction, { tap = false } = {}): Promise<void> {
    switch (action.kind) {
      // A rubric without the preference question takes no preference, from a key or otherwise.
      case 'prefer':
        return this.rubric.preference ? this.answer((draft) => prefer(draft, this.shownIds, action.position), tap) : Promise.resolve();
      case 'tie':
      case 'both-bad':
        return this.rubric.preference ? this.answer((draft) => preferNeither(draft, this.shownIds, action.kind), tap) : Promise.resolve();
      case 'rate': {
        const item = this.rubric.ratings.find((candidate) => candidate.name === action.item);
        return item ? this.answer((draft) => rate(draft, item, action.value), false) : Promise.resolve();
      }
      case 'edit':
        return this.actions.run(async () => {
          if (this.rubric.correction && this.task) this.editing = true;
        });
      case 'help':
        this.helpOpen = !this.helpOpen;
        return Promise.resolve();
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

  /** The response the correction editor edits, and its text as corrected so far. */
  get correcting(): { response: ModelResponse; text: string } | null {
    const id = correctionTarget(this.draft, this.shownIds);
    const response = this.shown.find((candidate) => candidate.id === id);
    if (!response) return null;
    const corrected = this.draft.correction;
    return { response, text: corrected?.id === response.id ? corrected.text : response.text };
  }

  /** The correction editor changed its text. */
  setCorrection(text: string): void {
    const target = this.correcting;
    if (target) this.draft = correct(this.draft, target.response.id, text, target.response.text);
  }

  /** Esc: the editor closes, the correction stays in the draft. */
  leaveEditor(): void {
    this.editing = false;
  }

  setRationale(text: string): void {
    this.draft = { ...this.draft, rationale: text };
  }

  private answer(change: (draft: JudgementDraft) => JudgementDraft, tap: boolean): Promise<void> {
    const step = this.actions.run(async () => {
      if (!this.comparable) return;
      this.draft = change(this.draft);
      this.notice = null;
    });
    if (!tap || !asksOnlyPreference(this.rubric)) return step;
    return step.then(() => (this.draft.preference ? this.submit() : undefined));
  }

  /** A task that came in as plain text has nothing to compare: it can only be skipped. */
  private get comparable(): boolean {
    return this.task !== null && this.shown.length >= MIN_RESPONSES;
  }

  private submit(): Promise<void> {
    const task = this.task;
    if (!task) return Promise.resolve();
    if (!this.comparable) {
      this.notice = 'This task has no two responses to compare: skip it.';
      return Promise.resolve();
    }
    const missing = missingAnswer(this.draft, this.rubric, this.shownIds);
    if (missing) {
      this.notice = missing;
      return Promise.resolve();
    }
    const value = [encodeJudgement(judgementOf(this.draft, this.shownIds))];
    // The judgement already stored, unchanged: Enter only goes on.
    if (this.annotation?.status === 'labelled' && this.annotation.value[0] === value[0]) {
      return this.actions.run(() => this.advanceFrom(task));
    }
    return this.commit('labelled', value);
  }

  /**
   * Stores the decision and shows the next task without waiting for the commit (as AnnotateSession.commit: the
   * transaction is opened first, so every later read and write is ordered after it). Resolves once it is stored.
   */
  private commit(status: AnnotationStatus, value: string[]): Promise<void> {
    let saved: Promise<void> = Promise.resolve();
    const step = this.actions.run(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const write: AnnotationWrite = { projectId: this.project.id, taskId: task.id, value, status, suggestion: null };
      saved = this.save(write, task, before);
      this.chooser.decided(task.id);
      this.assistant?.record({ taskId: task.id, value, status, outcome: null });
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

  /** The judgement did not reach the database: say so, and bring its task back. */
  private saveFailed(task: TaskRow, before: AnnotationRow | undefined, error: unknown): Promise<void> {
    this.chooser.forgetOpenTasks();
    this.assistant?.record({ taskId: task.id, value: before?.value ?? [], status: before?.status ?? 'retracted', outcome: null });
    const reason = error instanceof Error ? error.message : String(error);
    return this.actions.run(async () => {
      this.show(await this.chooser.prepare(task));
      this.notice = `Could not save the judgement of task ${(task.seq + 1).toLocaleString('en-US')}: ${reason}. It is shown again; your earlier judgements are safe.`;
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
    // Nothing left: the task stays, with the judgement just stored (read after its write, so ordered after it).
    this.allDone = true;
    this.showAnnotation(task, await this.chooser.annotationOf(task));
  }

  private show(shown: Prepared<never>): void {
    const { task, annotation } = shown;
    this.task = task;
    this.showAnnotation(task, annotation);
    this.allDone = everyTaskDone(this.progress);
    this.prepareAfter(task);
    this.position.moved(task.seq);
  }

  /** The task's responses in the order shown, and its stored judgement (if any) as the draft. */
  private showAnnotation(task: TaskRow, annotation: AnnotationRow | undefined): void {
    this.annotation = annotation ?? null;
    const stored = annotation?.status === 'labelled' ? decodeJudgement(annotation.value[0] ?? '') : null;
    const judgement = stored !== null && typeof stored !== 'string' ? stored : null;
    this.shown = orderToShow(task.compare?.responses ?? [], judgement?.shown ?? null, this.annotator.id, task.id);
    this.draft = judgement ? draftOf(judgement) : EMPTY_DRAFT;
    this.editing = false;
  }

  /** The following task is prepared at once (reads only), so a keypress right after this paint finds it ready. */
  private prepareAfter(task: TaskRow): void {
    const upcoming = this.chooser.after(task);
    this.upcoming = upcoming;
    upcoming.then(
      (next) => {
        if (this.upcoming === upcoming) this.upcomingTask = next?.task ?? null;
      },
      () => undefined,
    );
  }

  private clear(): void {
    this.task = null;
    this.annotation = null;
    this.shown = [];
    this.draft = EMPTY_DRAFT;
    this.editing = false;
  }

  /** A decision is not committed yet: the page closing now could lose it. */
  get unsaved(): boolean {
    return this.actions.writing || this.decisions.busy;
  }

  /** Resolves once every decision asked for so far is stored or has failed (another tab is taking the project over). */
  async settled(): Promise<void> {
    await this.actions.settled();
    await this.decisions.settled();
  }

  /** The page is being hidden or closed: decisions waiting for the commit under way go now, and the position too. */
  leaving(): Promise<void> {
    this.decisions.flush();
    return this.position.save();
  }

  /** Resolves once the task after the current one is ready to show. */
  async nextPrepared(): Promise<void> {
    await this.actions.settled();
    await this.upcoming?.catch(() => undefined);
  }
}
