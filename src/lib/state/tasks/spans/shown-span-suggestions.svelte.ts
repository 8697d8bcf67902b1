import type { SuggestionRecord, TaskRow } from '../../../db/rows';
import { encodeSpan, encodeSpans, sameSpan, type Span } from '../../../spans/span-value';
import type { SuggestedSpan } from '../../../spans/suggestions';
import type { LoadSteps, PrefetchedSpans, SpanSuggester } from './span-suggester';
import { whenPaused } from '../../when-paused';

/** How long the annotator pauses between span edits before the suggestions are matched again. */
const MATCH_AGAIN_AFTER_MS = 250;

/** The task on screen and its spans as saved, or null when none is shown. */
export type ShownTask = () => { task: TaskRow; spans: readonly Span[] } | null;

/**
 * The span suggestions on the task shown, and every one offered on it so far: the annotation keeps them all, so
 * each suggested span's fate can be read off against the saved spans.
 */
export class ShownSpanSuggestions {
  /** The suggestions not taken yet, for the editor. */
  list = $state.raw<SuggestedSpan[]>([]);
  private sources: PrefetchedSpans | null = null;
  private offered = new Map<string, SuggestedSpan>();
  /** record()'s answer until something new is offered: every span edit stores it, and it sorts all offered spans. */
  private recorded: SuggestionRecord | null | undefined;
  private readonly suggester: SpanSuggester;
  private readonly shown: ShownTask;

  constructor(suggester: SpanSuggester, shown: ShownTask) {
    this.suggester = suggester;
    this.shown = shown;
  }

  /**
   * After edits the suggestions are matched again once the annotator pauses: matching a long text takes a frame or
   * two, which keys pressed in a run must not wait for, and the editor already hides the suggestions an edit covered.
   */
  readonly showSoon = whenPaused(() => this.showAgain(), MATCH_AGAIN_AFTER_MS);

  /** Reads the annotator's earlier spans (see SpanSuggester.load), then matches the task on screen again. */
  async loadEarlierSpans(annotatorId: string, steps?: LoadSteps): Promise<void> {
    await this.suggester.load(annotatorId, steps);
    this.showAgain();
  }

  /** Another task is shown: nothing was offered on it yet. */
  newTask(): void {
    this.offered = new Map();
    this.recorded = undefined;
  }

  /** Combines the sources (`sources` when the slow ones just answered) beside the task's `spans`. */
  show(task: TaskRow, spans: readonly Span[], sources?: PrefetchedSpans | null): void {
    if (sources !== undefined) this.sources = sources;
    const next = this.suggester.combine(task, this.sources, spans);
    // Matching again after an edit mostly finds what is shown: keeping the list then spares the editor re-rendering
    // its text, a few milliseconds that would land on the annotator's next key.
    if (!sameSuggestions(next, this.list)) this.list = next;
    for (const span of this.list) {
      const key = encodeSpan(span);
      if (this.offered.get(key) === span) continue;
      this.offered.set(key, span);
      this.recorded = undefined;
    }
  }

  private showAgain(): void {
    const shown = this.shown();
    if (shown) this.show(shown.task, shown.spans);
  }

  clear(): void {
    this.list = [];
  }

  record(): SuggestionRecord | null {
    if (this.recorded === undefined) this.recorded = this.recordOffered();
    return this.recorded;
  }

  private recordOffered(): SuggestionRecord | null {
    const spans = [...this.offered.values()];
    if (spans.length === 0) return null;
    const confidences = spans.map((s) => s.confidence).filter((c): c is number => c !== null);
    return {
      value: encodeSpans(spans),
      confidence: confidences.length === 0 ? 0 : confidences.reduce((a, b) => a + b, 0) / confidences.length,
      modelVersion: [...new Set(spans.map((s) => s.source))].sort().join('+'),
    };
  }
}

function sameSuggestions(a: readonly SuggestedSpan[], b: readonly SuggestedSpan[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i] as SuggestedSpan;
      return sameSpan(x, y) && x.source === y.source && x.confidence === y.confidence;
    })
  );
}
