// Spans: the annotator marks stretches of the text in the span editor; every edit is stored as it is made and the task
// stays on screen, Done (Ctrl+Enter) goes on. The annotation's value is "start:end:label" strings (spans/span-value.ts).
// Suggestions come from three sources (SpanSuggester), never as a whole-task suggestion.
import type { FieldlabelDb } from '../../../db/database';
import type { AnnotationWrite } from '../../../db/annotations';
import { progressAfter } from '../../../db/annotations';
import type { AnnotationRow, AnnotationStatus, LocalAnnotator, ProjectRow, SuggestionRecord, TaskRow } from '../../../db/rows';
import type { Suggestion } from '../../../model/api';
import { decodeSpans, encodeSpans, isCanonical, type Span } from '../../../spans/span-value';
import type { SuggestedSpan } from '../../../spans/suggestions';
import { AnnotateSession } from '../../annotate-core.svelte';
import type { Assistant } from '../../assistant';
import type { WriteOptions } from '../../decisions';
import { runOnceMore } from '../../run-once-more';
import type { Advice, Prepared } from '../../task-advice';
import { ShownSpanSuggestions } from './shown-span-suggestions.svelte';
import { SpanSuggester, type LoadSteps, type PrefetchedSpans } from './span-suggester';

export class SpanSession extends AnnotateSession<PrefetchedSpans> {
  /** The current task's spans as saved. */
  spans = $state.raw<readonly Span[]>([]);
  /** Resolves once the annotator's earlier spans are suggested (open() does not wait for them). */
  dictionaryLoaded: Promise<void> = Promise.resolve();

  private readonly dictionarySteps: LoadSteps | undefined;
  private readonly suggester: SpanSuggester;
  private readonly shownSpans: ShownSpanSuggestions;
  /**
   * The task on screen as its edits stored it, until it is left: the model is told then, with Done or with Next, as
   * a decision (its spans are judged against these). Not at each edit: the first of many spans would count the
   * model's others as wrong.
   */
  private edited: { taskId: string; value: string[]; status: AnnotationStatus } | null = null;

  /** `dictionarySteps`: how earlier spans are read (see SpanSuggester.load), held by tests; the others: see Decisions. */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, assistant: Assistant | null = null, options: WriteOptions & { dictionarySteps?: LoadSteps } = {}) {
    super(db, project, annotator, assistant, options);
    this.dictionarySteps = options.dictionarySteps;
    this.suggester = new SpanSuggester(db, project, this.prelabels, assistant?.suggestSpans?.bind(assistant) ?? null);
    this.shownSpans = new ShownSpanSuggestions(this.suggester, () => (this.task ? { task: this.task, spans: this.spans } : null));
  }

  /** The suggestions not taken yet. */
  get spanSuggestions(): SuggestedSpan[] {
    return this.shownSpans.list;
  }

  /**
   * The editor changed the spans; saved once the edit is on screen (see writeAfterPaint), the task staying on screen.
   * Without spans left the task is open again: only Done says there is nothing to mark (a vote in agreement and
   * review), never the removal of a span made by mistake.
   */
  editSpans(spans: readonly Span[]): Promise<void> {
    let refreshed: Promise<void> = Promise.resolve();
    const step = this.actions.run(async () => {
      const task = this.task;
      if (!task) return;
      const before = this.annotation ?? undefined;
      const status = spans.length > 0 ? 'labelled' : 'retracted';
      const write: AnnotationWrite = { projectId: this.project.id, taskId: task.id, value: encodeSpans(spans), status, suggestion: this.shownSpans.record() };
      const after = await this.decisions.storeAfterPaint(write, task, before);
      if (status === 'labelled') this.chooser.decided(task.id);
      else this.chooser.forgetOpenTasks();
      this.progress = progressAfter(this.progress, before, after);
      this.annotation = after;
      // The editor's own list when storing changed nothing in it: the editor then knows it for the edit it sent.
      this.spans = isCanonical(spans) ? spans : decodeSpans(after.value);
      this.suggester.learn(task, this.spans);
      this.edited = { taskId: task.id, value: after.value, status: after.status };
      refreshed = this.shownSpans.showSoon();
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

  /** The editor owns the label keys (they label its selection). */
  protected override chooseLabel(): Promise<void> {
    return Promise.resolve();
  }

  protected override submit(): Promise<void> {
    return this.commit('labelled', encodeSpans(this.spans));
  }

  /** Span tasks have no whole-task suggestion: their suggestions are spans. */
  protected override suggestionFor(): Promise<Suggestion | null> {
    return Promise.resolve(null);
  }

  protected override extraAdviceFor(task: TaskRow): Promise<PrefetchedSpans | null> {
    return this.suggester.prefetch(task);
  }

  protected override suggestionRecord(): SuggestionRecord | null {
    return this.shownSpans.record();
  }

  protected override reloading(): void {
    this.dictionaryLoaded = this.loadDictionary();
  }

  /**
   * The annotator's earlier spans, read beside the first task (a large project takes seconds), then the task shown is
   * matched again. Asked again meanwhile (imports in a row), it reads once more after the read under way, not beside.
   */
  private readonly loadDictionary = runOnceMore(async () => {
    try {
      await this.shownSpans.loadEarlierSpans(this.annotator.id, this.dictionarySteps);
    } catch (error) {
      this.notice = `Could not read your earlier spans, so none are suggested: ${(error as Error).message ?? String(error)}`;
    }
  });

  protected override taskShown(shown: Prepared<PrefetchedSpans>): void {
    this.tellEditedLeft(shown.task.id);
    this.spans = shown.annotation?.status === 'labelled' ? decodeSpans(shown.annotation.value) : [];
    this.shownSpans.newTask();
  }

  protected override adviceShown(task: TaskRow, advice: Advice<PrefetchedSpans>): void {
    this.shownSpans.show(task, this.spans, advice.extra);
  }

  /** A skipped span task keeps no spans, so they stop being dictionary phrases (a label keeps them as learned). */
  protected override decided(task: TaskRow, status: AnnotationStatus): void {
    // Done or a skip: the decision goes to the model with it.
    this.edited = null;
    if (status !== 'labelled') this.suggester.learn(task, []);
  }

  /** Undone spans stop being dictionary phrases (a retracted task has none). */
  protected override undone(task: TaskRow, after: AnnotationRow): void {
    // Undo told the model this task's state; another task's edits are told when it is left for this one.
    if (this.edited?.taskId === task.id) this.edited = null;
    this.suggester.learn(task, decodeSpans(after.value));
  }

  protected override cleared(): void {
    this.tellEditedLeft(null);
    this.spans = [];
    this.shownSpans.clear();
  }

  /** The task left (for `shownId`, or for none) was edited and not decided: the model is told as Done would tell it. */
  private tellEditedLeft(shownId: string | null): void {
    const edited = this.edited;
    if (edited === null || edited.taskId === shownId) return;
    this.edited = null;
    this.assistant?.record({ taskId: edited.taskId, value: edited.status === 'labelled' ? edited.value : [], status: edited.status, outcome: null });
  }
}
