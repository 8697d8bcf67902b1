// Gathers a span task's suggestions from its three sources — the imported file's pre-annotations, the
// token-classification model, and the annotator's own earlier spans — for the annotate session.
import type { FieldlabelDb } from '../../../db/database';
import type { ProjectRow, TaskRow } from '../../../db/rows';
import type { SpanSuggestion } from '../../../model/api';
import { labelledTaskIds, labelledTextsOf } from '../../../db/spans';
import { matchDictionary } from '../../../spans/dictionary';
import { DictionaryIndex } from '../../../spans/dictionary-index';
import { decodeSpans, type Span } from '../../../spans/span-value';
import { combineSuggestions, type SuggestedSpan } from '../../../spans/suggestions';
import { tokenize, type Token } from '../../../spans/tokens';
import type { Prelabels } from '../../prelabels';


/** How load() reads the earlier spans: `tasks` at a time, then winning labels for `phrases` keys at a time. */
export interface LoadSteps {
  tasks: number;
  phrases: number;
  /** Awaited between steps. */
  pause: () => Promise<void>;
}

/**
 * With the bench's 18,264 labelled CoNLL documents, the long tasks while opening the Annotate tab went from 1.3 and
 * 1.5 s to 54–130 ms with these steps (not all of them this load's). Between steps a macrotask lets the page draw and
 * take input. With range reads (see labelledTextsOf), 500 tasks a step rather than 100 brought the first dictionary
 * suggestion from 9.9 to 6.6–7.4 s after opening (14.5 s reading row by row), long tasks still at 51–152 ms.
 */
const LOAD_STEPS: LoadSteps = {
  tasks: 500,
  phrases: 1000,
  pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
};

/** What the slow sources said about one task, fetched ahead with the task itself. */
export interface PrefetchedSpans {
  taskId: string;
  file: SuggestedSpan[];
  model: SuggestedSpan[];
}

export class SpanSuggester {
  /** The annotator's spans over all tasks: an edit replaces the task's, so re-saving never counts twice. */
  private readonly dictionary = new DictionaryIndex();
  /**
   * Edits not in the dictionary yet. They go in when suggestions are next matched, at a pause in labelling: a long
   * text's 500 spans take a few milliseconds to count, which must not land on the annotator's next key.
   */
  private readonly unlearned = new Map<string, { taskId: string; text: string; spans: readonly Span[] }>();
  /** The earlier spans are all in the dictionary (see load). */
  private loaded = false;
  private tokenized: { taskId: string; tokens: Token[] } | null = null;
  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly modelSpans: ((taskId: string) => Promise<SpanSuggestion | null>) | null;
  private readonly prelabels: Prelabels;

  constructor(db: FieldlabelDb, project: ProjectRow, prelabels: Prelabels, modelSpans: ((taskId: string) => Promise<SpanSuggestion | null>) | null) {
    this.db = db;
    this.project = project;
    this.prelabels = prelabels;
    this.modelSpans = modelSpans;
  }

  /**
   * Reads the annotator's earlier spans once, when the project opens, in steps with a pause between them: read and
   * counted at once, 18,000 labelled documents held the page for 2.8 s in Chromium before the first task could show.
   * Until it is done the dictionary suggests nothing; edits made meanwhile go in after.
   */
  async load(annotatorId: string, steps: LoadSteps = LOAD_STEPS): Promise<void> {
    const taskIds = await labelledTaskIds(this.db, this.project.id, annotatorId);
    for (let at = 0; at < taskIds.length; at += steps.tasks) {
      const rows = await labelledTextsOf(this.db, this.project.id, annotatorId, taskIds.slice(at, at + steps.tasks));
      this.dictionary.add(rows.map((row) => ({ taskId: row.taskId, text: row.text, spans: decodeSpans(row.value) })));
      await steps.pause();
    }
    while (!this.dictionary.settle(steps.phrases)) await steps.pause();
    this.loaded = true;
  }

  /** The annotator saved these spans for this task: later tasks get them as dictionary suggestions. */
  learn(task: TaskRow, spans: readonly Span[]): void {
    this.unlearned.set(task.id, { taskId: task.id, text: task.text, spans });
  }

  /** The file's and the model's suggestions, fetched while the previous task is still on screen. */
  async prefetch(task: TaskRow): Promise<PrefetchedSpans> {
    const [file, model] = await Promise.all([this.fromFile(task), this.fromModel(task)]);
    return { taskId: task.id, file, model };
  }

  /**
   * What to show now: the dictionary is matched at this moment, not when prefetched, so a phrase labelled on the
   * previous task is already suggested on this one.
   */
  combine(task: TaskRow, prefetched: PrefetchedSpans | null, existing: readonly Span[]): SuggestedSpan[] {
    const slow = prefetched?.taskId === task.id ? [prefetched.file, prefetched.model] : [];
    return combineSuggestions([...slow, this.fromDictionary(task, existing)], existing, this.project.allowOverlap);
  }

  private async fromFile(task: TaskRow): Promise<SuggestedSpan[]> {
    const row = await this.prelabels.of(task.id);
    if (!row) return [];
    return decodeSpans(row.value).map((span) => ({ ...span, source: 'file', confidence: row.score }));
  }

  private async fromModel(task: TaskRow): Promise<SuggestedSpan[]> {
    if (!this.modelSpans) return [];
    try {
      const result = await this.modelSpans(task.id);
      return (result?.spans ?? []).map((span) => ({ ...span, source: 'model' }));
    } catch {
      // A model problem must never block labelling: the other sources still suggest.
      return [];
    }
  }

  /** The shown task's tokens, kept while it stays on screen: it is matched again after every edit. */
  private tokensOf(task: TaskRow): Token[] {
    if (this.tokenized?.taskId !== task.id) this.tokenized = { taskId: task.id, tokens: tokenize(task.text) };
    return this.tokenized.tokens;
  }

  private fromDictionary(task: TaskRow, existing: readonly Span[]): SuggestedSpan[] {
    if (!this.loaded) return [];
    if (this.unlearned.size > 0) {
      this.dictionary.setAll(this.unlearned.values());
      this.unlearned.clear();
    }
    return matchDictionary(this.dictionary, task.text, this.tokensOf(task), [...existing], this.project.allowOverlap).map((span) => ({
      start: span.start,
      end: span.end,
      label: span.label,
      source: 'dictionary',
      confidence: null,
    }));
  }
}
