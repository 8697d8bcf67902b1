// Span suggestions from several sources, combined into the one list the editor shows as dashed pre-annotations,
// and what became of them once the annotator decided. Pure: the sources are gathered by the annotate session.
import { Coverage } from './coverage';
import { compareSpans, encodeSpan, type Span } from './span-value';

/** Where a suggestion came from: a file's pre-annotations, the token-classification model, or the annotator's own earlier spans. */
export type SpanSource = 'file' | 'model' | 'dictionary';

export interface SuggestedSpan extends Span {
  source: SpanSource;
  /** 0–1 when the source gives one (model, some files); null for dictionary matches. */
  confidence: number | null;
}

// A file's pre-annotations were made for exactly this text, the model reads the context, the dictionary only
// matches strings: the more specific source wins where two disagree.
const PRIORITY: Record<SpanSource, number> = { file: 0, model: 1, dictionary: 2 };

/**
 * The suggestions worth showing beside the spans already there: none that repeats a span, none that would overlap
 * a span when the project forbids overlaps, and where sources disagree about one stretch of text, the
 * higher-priority source's suggestion (overlapping suggestions would force a choice the editor cannot show).
 */
export function combineSuggestions(sources: readonly (readonly SuggestedSpan[])[], existing: readonly Span[], allowOverlap: boolean): SuggestedSpan[] {
  const present = new Set(existing.map(encodeSpan));
  const candidates = sources.flat().sort((a, b) => PRIORITY[a.source] - PRIORITY[b.source] || compareSpans(a, b));
  const length = Math.max(0, ...existing.map((s) => s.end), ...candidates.map((s) => s.end));
  const blocked = new Coverage(length);
  if (!allowOverlap) for (const span of existing) blocked.add(span);
  const suggested = new Coverage(length);
  const kept: SuggestedSpan[] = [];
  for (const candidate of candidates) {
    if (present.has(encodeSpan(candidate)) || blocked.overlaps(candidate) || suggested.overlaps(candidate)) continue;
    suggested.add(candidate);
    kept.push(candidate);
  }
  return kept.sort(compareSpans);
}

export interface SpanAcceptance {
  /** Suggested spans that are among the final spans exactly (same start, end and label). */
  accepted: number;
  offered: number;
}

/** Per suggested span: was it kept as is? `suggested` and `final` are stored span values ("start:end:label"). */
export function spanAcceptance(suggested: readonly string[], final: readonly string[]): SpanAcceptance {
  const kept = new Set(final);
  return { accepted: suggested.filter((value) => kept.has(value)).length, offered: suggested.length };
}
