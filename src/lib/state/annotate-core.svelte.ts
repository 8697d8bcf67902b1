// The annotate session every task type shares: BrowsingSession (annotate-core-browsing.svelte.ts) shows the tasks;
// this adds storing decisions (group commits through the project's write gate), undo, and the keys' actions. A task
// type (state/tasks/<type>/) extends it with what differs: what a label key and Enter do, the state it shows beside
// the task, and the advice it fetches ahead.
import type { FieldlabelDb } from '../db/database';
import { progressAfter, suggestionOutcome, type AnnotationWrite } from '../db/annotations';
import type { AnnotationRow, AnnotationStatus, LocalAnnotator, ProjectRow, TaskRow } from '../db/rows';
import type { AnnotateAction } from '../labels/keymap';
import type { Assistant } from './assistant';
import { BrowsingSession } from './annotate-core-browsing.svelte';
import { Decisions, type WriteOptions } from './decisions';

/** One annotator working through one project. Actions are queued, so a burst of keypresses applies in order. */
export abstract class AnnotateSession<Extra = unknown> extends BrowsingSession<Extra> {
  protected readonly decisions: Decisions;

  /** `options`: see Decisions. */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null, options: WriteOptions = {}) {
    super(db, project, annotator, assistant);
    this.decisions = new Decisions(db, options);
  }

  // What a task type decides. ------------------------------------------------------------------------------------

  /** A label's key or button. */
  protected abstract chooseLabel(label: string): Promise<void>;

  /** Enter (the span editor's Ctrl+Enter), or the Submit / Done button. */
  protected abstract submit(): Promise<void>;

  /** A decision on `task` was asked for (its write may still be on its way). */
  protected decided(_task: TaskRow, _status: AnnotationStatus): void {}

  /** Undo stored `after` for `task`. */
  protected undone(_task: TaskRow, _after: AnnotationRow): void {}

  // The shared decisions. ------------------------------------------------------------------------------------------

  get canUndo(): boolean {
    return this.decisions.undoable > 0;
  }

  get undoCount(): number {
    return this.decisions.undoable;
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
}
