// What the span editor's text is drawn from: the text cut at every span and suggestion boundary, plus a name tag
// after each span. Cursor and selection are not boundaries (they are drawn on top), so moving the cursor never
// touches the text, and 500 spans make about 1,500 elements however long the text is.
import type { Span } from '../../../lib/spans/span-value';
import type { SuggestedSpan } from '../../../lib/spans/suggestions';

export interface TextPiece {
  kind: 'text';
  start: number;
  end: number;
  /** Inline style: fill of the innermost span, one underline per covering span (stacked by nesting level). */
  style: string;
  labelled: boolean;
  /** Dashed outline parts of the suggestion covering this piece. */
  suggestion: { color: string; first: boolean; last: boolean } | null;
}

export interface TagPiece {
  kind: 'tag';
  /** The span (or suggestion) this tag names, by value: indices shift whenever a span is added before it. */
  span: Span;
  color: string;
  suggestion: boolean;
  /** A model suggestion's calibrated confidence, shown on its tag; null for spans and other sources. */
  confidence: number | null;
}

export type Piece = TextPiece | TagPiece;

/** How far below the text each nesting level's underline sits, in px. */
export const UNDERLINE_STEP = 3;

/**
 * Nesting level per span: outer spans get lower levels (underline nearer the text), so a span inside another reads
 * as a second line under the first. Greedy interval colouring: each span takes the lowest level free at its start.
 */
export function spanLevels(spans: readonly Span[]): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => {
    const x = spans[a] as Span;
    const y = spans[b] as Span;
    return x.start - y.start || y.end - x.end;
  });
  const levelEnds: number[] = [];
  const levels: number[] = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const span = spans[i] as Span;
    let level = levelEnds.findIndex((end) => end <= span.start);
    if (level === -1) level = levelEnds.length;
    levelEnds[level] = span.end;
    levels[i] = level;
  }
  return levels;
}

function textStyle(active: readonly number[], spans: readonly Span[], levels: readonly number[], colorOf: (label: string) => string): string {
  if (active.length === 0) return '';
  const byLevel = [...active].sort((a, b) => (levels[a] as number) - (levels[b] as number));
  const innermost = byLevel[byLevel.length - 1] as number;
  const lines = byLevel.map((i) => `0 ${((levels[i] as number) + 1) * UNDERLINE_STEP}px 0 ${colorOf((spans[i] as Span).label)}`);
  return `--fill: ${colorOf((spans[innermost] as Span).label)}; box-shadow: ${lines.join(', ')}`;
}

/** Part of a text to cut into pieces, and the spans' nesting levels when they were worked out over all spans. */
export interface PieceRange {
  from: number;
  to: number;
  levels: readonly number[];
}

/**
 * The text as pieces, in reading order. `spans` and `suggestions` are sorted (compareSpans); suggestions are not
 * expected to overlap each other (the annotate session combines them so), and where they do the first one is drawn.
 * With `range`, only the pieces from `from` to `to` (a paragraph; the spans given are those that touch it).
 */
export function buildPieces(
  text: string,
  spans: readonly Span[],
  suggestions: readonly SuggestedSpan[],
  colorOf: (label: string) => string,
  range: PieceRange = { from: 0, to: text.length, levels: spanLevels(spans) },
): Piece[] {
  const { from, to, levels } = range;
  const bounds = new Set<number>([from, to]);
  // A piece never runs past a line break, so each paragraph can be its own block (see pieces-html.ts).
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) bounds.add(i + 1);
  for (const s of spans) bounds.add(s.start).add(s.end);
  for (const s of suggestions) bounds.add(s.start).add(s.end);
  const cuts = [...bounds].filter((b) => b >= from && b <= to).sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let nextSpan = 0;
  let nextSuggestion = 0;
  let active: number[] = [];
  let activeSuggestions: number[] = [];
  for (let c = 0; c < cuts.length; c++) {
    const at = cuts[c] as number;
    const ending = active.filter((i) => (spans[i] as Span).end === at);
    // Inner spans end first: their tags come before the tag of the span around them.
    ending.sort((a, b) => (spans[b] as Span).start - (spans[a] as Span).start);
    for (const i of ending) {
      const span = spans[i] as Span;
      pieces.push({ kind: 'tag', span, color: colorOf(span.label), suggestion: false, confidence: null });
    }
    for (const i of activeSuggestions.filter((i) => (suggestions[i] as SuggestedSpan).end === at)) {
      const span = suggestions[i] as SuggestedSpan;
      // Only the model's confidence is calibrated (span-confidence.ts): a file's score is its own claim, unchecked.
      pieces.push({ kind: 'tag', span, color: colorOf(span.label), suggestion: true, confidence: span.source === 'model' ? span.confidence : null });
    }
    active = active.filter((i) => (spans[i] as Span).end > at);
    activeSuggestions = activeSuggestions.filter((i) => (suggestions[i] as SuggestedSpan).end > at);
    while (nextSpan < spans.length && (spans[nextSpan] as Span).start <= at) active.push(nextSpan++);
    while (nextSuggestion < suggestions.length && (suggestions[nextSuggestion] as SuggestedSpan).start <= at) activeSuggestions.push(nextSuggestion++);
    const end = cuts[c + 1];
    if (end === undefined) break;
    const shown = activeSuggestions[0];
    const suggestion = shown === undefined ? undefined : (suggestions[shown] as SuggestedSpan);
    pieces.push({
      kind: 'text',
      start: at,
      end,
      style: textStyle(active, spans, levels, colorOf),
      labelled: active.length > 0,
      suggestion: suggestion === undefined ? null : { color: colorOf(suggestion.label), first: suggestion.start === at, last: suggestion.end === end },
    });
  }
  return pieces;
}
