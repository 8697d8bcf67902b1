import type { LabelRecord, SpanSuggestion, Suggestion } from '../model/api';

/**
 * What the annotate screen asks of the model, whatever runs it: a suggestion for a task, the next task to show,
 * and each decision so the model can learn. Without one, the screen works sequentially with no suggestions.
 */
export interface Assistant {
  suggest(taskId: string): Promise<Suggestion | null>;
  /** Span projects: the token-classification model's spans, when the active model is one. */
  suggestSpans?(taskId: string): Promise<SpanSuggestion | null>;
  /** The next open task's sequence number in the project's strategy order, or null to go on sequentially. */
  nextOpenSeq(afterSeq: number): Promise<number | null>;
  record(record: LabelRecord): void;
}
