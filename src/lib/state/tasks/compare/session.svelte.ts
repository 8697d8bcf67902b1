// Compare responses: the conversation and its responses in the annotator's own order, the rubric's answers gathered
// into a draft, stored as one judgement. Which task comes next, undo, skip, progress and the write path are the
// shared session's (AnnotateSession); the reward model's suggestion pre-selects the response it prefers.
import type { AnnotationRow, SuggestionRecord, TaskRow } from '../../../db/rows';
import { DEFAULT_RUBRIC, decodeJudgement, encodeJudgement, MIN_RESPONSES, preferredId, type Judgement, type ModelResponse, type Rubric } from '../../../domain/compare';
import type { AnnotateAction } from '../../../labels/keymap';
import type { Suggestion } from '../../../model/api';
import { AnnotateSession } from '../../annotate-core.svelte';
import type { Advice, Prepared } from '../../task-advice';
import type { CompareAction } from './compare-keys';
import {
  asksOnlyPreference, correct, correctionTarget, draftOf, EMPTY_DRAFT, judgementOf, missingAnswer, numberKeysAnswer, prefer, preferNeither, rate,
  type JudgementDraft, type NumberKeysAnswer,
} from './judgement-draft';
import { orderToShow } from './shown-order';

export class CompareSession extends AnnotateSession<never> {
  /** The current task's responses in the order shown: A first. */
  shown = $state.raw<readonly ModelResponse[]>([]);
  draft = $state.raw<JudgementDraft>(EMPTY_DRAFT);
  /** The correction editor is open (E opens it, Esc leaves). */
  editing = $state(false);
  /**
   * The draft's answers that came from the suggestion, not the annotator: the number keys still answer them (a key
   * replaces the suggested preference rather than rating), and Enter accepts them as they are.
   */
  private prefilled = $state.raw<Prefilled>(NOTHING_PREFILLED);
  /** The task shown after this one, once it is chosen: the screen renders its responses ahead. */
  upcomingTask = $state.raw<TaskRow | null>(null);

  get rubric(): Rubric {
    return this.project.rubric ?? DEFAULT_RUBRIC;
  }

  get shownIds(): string[] {
    return this.shown.map((response) => response.id);
  }

  /** What the number keys answer now (see numberKeysAnswer): the annotator's own answers count, suggested ones not. */
  get numberKeys(): NumberKeysAnswer {
    const { preference, ratings } = this.prefilled;
    const own = Object.fromEntries(Object.entries(this.draft.ratings).filter(([name]) => !ratings.includes(name)));
    return numberKeysAnswer({ ...this.draft, preference: preference ? null : this.draft.preference, ratings: own }, this.rubric);
  }

  /** `tap`: a touch on a preference button, which stores the judgement at once when the rubric asks nothing else. */
  override perform(action: AnnotateAction | CompareAction, { tap = false } = {}): Promise<void> {
    switch (action.kind) {
      // A rubric without the preference question takes no preference, from a key or otherwise.
      case 'prefer':
        return this.rubric.preference ? this.answer((draft) => prefer(this.ownPreference(draft), this.shownIds, action.position), tap) : Promise.resolve();
      case 'tie':
      case 'both-bad':
        return this.rubric.preference ? this.answer((draft) => preferNeither(this.ownPreference(draft), this.shownIds, action.kind), tap) : Promise.resolve();
      case 'rate': {
        const item = this.rubric.ratings.find((candidate) => candidate.name === action.item);
        if (!item) return Promise.resolve();
        return this.answer((draft) => {
          this.prefilled = { ...this.prefilled, ratings: this.prefilled.ratings.filter((name) => name !== item.name) };
          return rate(draft, item, action.value);
        }, false);
      }
      case 'edit':
        return this.actions.run(async () => {
          if (this.rubric.correction && this.task) this.editing = true;
        });
      default:
        return super.perform(action);
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

  /** The draft as the annotator's own preference starts from: a suggested one gives way. */
  private ownPreference(draft: JudgementDraft): JudgementDraft {
    if (!this.prefilled.preference) return draft;
    this.prefilled = { ...this.prefilled, preference: false };
    return { ...draft, preference: null };
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

  /** Compare has no label keys: the preference keys are its own actions (see perform). */
  protected override chooseLabel(): Promise<void> {
    return Promise.resolve();
  }

  /** Enter: stores the draft, which holds the suggestion's preference (and ratings) unless the annotator changed it. */
  protected override submit(): Promise<void> {
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
   * The reward model suggests a response by id; a model judge that came with the file (a prelabel) holds a whole
   * judgement, of which the preferred response is the suggestion. A file's verdict wins, as for the other types.
   */
  protected override async suggestionFor(task: TaskRow): Promise<Suggestion | null> {
    const ids = (task.compare?.responses ?? []).map((response) => response.id);
    const prelabel = await this.prelabels.of(task.id);
    const verdict = prelabel?.value.length === 1 ? decodeJudgement(prelabel.value[0] as string) : null;
    const fromFile = verdict && typeof verdict !== 'string' ? preferredId(verdict) : null;
    if (prelabel && fromFile !== null) {
      return { taskId: task.id, value: [fromFile], confidence: prelabel.score ?? 0, scores: [], modelVersion: `file:${prelabel.source}`, ratings: ratingsOf(verdict as Judgement, prelabel.score ?? 0) };
    }
    const suggestion = this.assistant ? await this.assistant.suggest(task.id) : null;
    const id = suggestion?.value[0];
    return suggestion && id !== undefined && ids.includes(id) ? suggestion : null;
  }

  /**
   * Stored as a judgement (the suggested preference in the order shown), the encoding of the project's values, so the
   * compare files carry it as they carry a judge's verdict.
   */
  protected override suggestionRecord(task: TaskRow): SuggestionRecord | null {
    const record = super.suggestionRecord(task);
    const id = record?.value[0];
    if (!record || id === undefined || this.task?.id !== task.id) return record;
    const judgement: Judgement = { shown: this.shownIds, preference: { kind: 'better', id }, ratings: {}, correction: null, rationale: '' };
    return { ...record, value: [encodeJudgement(judgement)] };
  }

  protected override hiddenSuggestionShare(): number {
    return this.rubric.hiddenSuggestionShare;
  }

  protected override taskShown(shown: Prepared<never>): void {
    this.showAnnotation(shown.task, shown.annotation ?? null);
  }

  protected override lastTaskDecided(annotation: AnnotationRow | null): void {
    if (this.task) this.showAnnotation(this.task, annotation);
  }

  /** Pre-selects the suggested response (and pre-fills the suggested ratings) while the task is not judged yet. */
  protected override adviceShown(task: TaskRow, advice: Advice<never>): void {
    const suggestion = advice.suggestion;
    if (!suggestion || this.annotation?.status === 'labelled' || this.task?.id !== task.id) return;
    let draft = this.draft;
    const prefilled = { preference: this.prefilled.preference, ratings: [...this.prefilled.ratings] };
    const position = this.shownIds.indexOf(suggestion.value[0] ?? '');
    if (this.rubric.preference && draft.preference === null && draft.ranked.length === 0 && position >= 0 && !this.ranksResponses) {
      draft = prefer(draft, this.shownIds, position);
      prefilled.preference = true;
    }
    for (const { name, value } of suggestion.ratings ?? []) {
      const item = this.rubric.ratings.find((candidate) => candidate.name === name);
      if (item && draft.ratings[name] === undefined) {
        draft = rate(draft, item, value);
        prefilled.ratings.push(name);
      }
    }
    this.draft = draft;
    this.prefilled = prefilled;
  }

  /** With 3–4 responses the preference is a ranking: a suggested winner is shown, not placed first for the annotator. */
  private get ranksResponses(): boolean {
    return this.shown.length > 2;
  }

  protected override upcomingChosen(task: TaskRow | null): void {
    this.upcomingTask = task;
  }

  protected override cleared(): void {
    this.shown = [];
    this.draft = EMPTY_DRAFT;
    this.prefilled = NOTHING_PREFILLED;
    this.editing = false;
  }

  /** The task's responses in the order shown, and its stored judgement (if any) as the draft. */
  private showAnnotation(task: TaskRow, annotation: AnnotationRow | null): void {
    const stored = annotation?.status === 'labelled' ? decodeJudgement(annotation.value[0] ?? '') : null;
    const judgement = stored !== null && typeof stored !== 'string' ? stored : null;
    this.shown = orderToShow(task.compare?.responses ?? [], judgement?.shown ?? null, this.annotator.id, task.id);
    this.draft = judgement ? draftOf(judgement) : EMPTY_DRAFT;
    this.prefilled = NOTHING_PREFILLED;
    this.editing = false;
  }
}

interface Prefilled {
  preference: boolean;
  /** Rubric item names. */
  ratings: readonly string[];
}

const NOTHING_PREFILLED: Prefilled = { preference: false, ratings: [] };

function ratingsOf(judgement: Judgement, confidence: number): Suggestion['ratings'] {
  return Object.entries(judgement.ratings).map(([name, value]) => ({ name, value, confidence }));
}
