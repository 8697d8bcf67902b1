// Which task the annotate screen shows next, ready to show: the model's choice when it has one, else the next open
// task in import order (read ahead by the open-task window), wrapping round to the start once.
import { getAnnotation } from '../db/annotations';
import type { FieldlabelDb } from '../db/database';
import type { AnnotationRow, ProjectRow, TaskRow } from '../db/rows';
import { findOpenTask, findOpenTasks, getTaskAt, hasOpenTask, isDone } from '../db/tasks';
import type { Assistant } from './assistant';
import { OpenTaskWindow } from './open-task-window';
import { prepared, type Advisor, type Prepared } from './task-advice';

export class TaskChooser<Extra> {
  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly annotatorId: string;
  private readonly assistant: Assistant | null;
  private readonly advisor: Advisor<Extra>;
  private readonly openTasks: OpenTaskWindow;

  constructor(db: FieldlabelDb, project: ProjectRow, annotatorId: string, assistant: Assistant | null, advisor: Advisor<Extra>) {
    this.db = db;
    this.project = project;
    this.annotatorId = annotatorId;
    this.assistant = assistant;
    this.advisor = advisor;
    this.openTasks = new OpenTaskWindow((fromSeq, count) => findOpenTasks(db, project.id, annotatorId, fromSeq, count));
  }

  /**
   * No task is open (found by first): until something may have reopened one (forgetOpenTasks), there is no next
   * task to look for.
   */
  private noneOpen = false;

  /**
   * The task to open on: the one at `cursorSeq` unless it was done since (the saved position may be a few labels
   * old, see PositionSaver), else the first open one from there, else the one at `cursorSeq` after all. When
   * `countsSayAllDone`, the keys confirm it and nothing is scanned: a project that came in fully labelled.
   */
  async first(cursorSeq: number, countsSayAllDone: boolean): Promise<TaskRow | undefined> {
    this.noneOpen = countsSayAllDone && !(await hasOpenTask(this.db, this.project.id, this.annotatorId));
    const atCursor = await getTaskAt(this.db, this.project.id, cursorSeq);
    if (this.noneOpen) return atCursor;
    if (atCursor && !isDone(await this.annotationOf(atCursor))) return atCursor;
    return (await findOpenTask(this.db, this.project.id, this.annotatorId, atCursor?.seq ?? 0)) ?? atCursor;
  }

  /** The task to show after `task`, or undefined when no other task is open. */
  async after(task: TaskRow): Promise<Prepared<Extra> | undefined> {
    if (this.noneOpen) return undefined;
    const chosenSeq = (await this.assistant?.nextOpenSeq(task.seq).catch(() => null)) ?? null;
    const chosen = chosenSeq === null ? undefined : await getTaskAt(this.db, this.project.id, chosenSeq);
    if (chosen && chosen.id !== task.id) return this.prepare(chosen);
    const ahead = await this.openTasks.after(task.seq);
    if (ahead) return this.prepare(ahead.task, ahead);
    // Nothing open after it: wrap round to the tasks before it (those after were just checked).
    const [wrapped] = (await findOpenTasks(this.db, this.project.id, this.annotatorId, 0, 1, task.seq - 1)).open;
    return wrapped ? this.prepare(wrapped.task, wrapped) : undefined;
  }

  /**
   * The task with its annotation; its advice is asked for at once but not waited for. `known`: the annotation as
   * it was just read with the task (an open task's), so it is not read again.
   */
  async prepare(task: TaskRow, known: { annotation: AnnotationRow | undefined } | null = null): Promise<Prepared<Extra>> {
    const advice = this.advisor.advise(task);
    return prepared(task, known ? known.annotation : await this.annotationOf(task), advice);
  }

  /** Whether the project still has `task` (a rolled-back import takes its tasks away). */
  async present(task: TaskRow): Promise<boolean> {
    return (await getTaskAt(this.db, this.project.id, task.seq))?.id === task.id;
  }

  annotationOf(task: TaskRow): Promise<AnnotationRow | undefined> {
    return getAnnotation(this.db, this.project.id, task.id, this.annotatorId);
  }

  /** The annotator decided this task: it is no longer open. */
  decided(taskId: string): void {
    this.openTasks.decided(taskId);
  }

  /** Tasks may have reopened (undo) or been done elsewhere (an import): read the open ones again. */
  forgetOpenTasks(): void {
    this.noneOpen = false;
    this.openTasks.reset();
  }
}
