// The span editor's state and every change an annotator can make to it, as pure functions: each returns a new state
// (or the same object when nothing changed), so the component only renders and the rules are tested in Node.
import { compareSpans, sameSpan, type Span } from './span-value';
import type { SuggestedSpan } from './suggestions';
import { tokenRange, type Token } from './tokens';

export interface EditorState {
  /** Sorted with compareSpans. */
  readonly spans: readonly Span[];
  /** Token index of the keyboard cursor. */
  readonly cursor: number;
  /** Token index where a Shift or drag selection began; null when only the cursor (or a span) is selected. */
  readonly anchor: number | null;
  /** Index into spans of the span that labels and Backspace act on. */
  readonly selectedSpan: number | null;
}

export interface EditorContext {
  readonly tokens: readonly Token[];
  readonly allowOverlap: boolean;
}

export function initialEditorState(spans: readonly Span[]): EditorState {
  return { spans: [...spans].sort(compareSpans), cursor: 0, anchor: null, selectedSpan: null };
}

function overlaps(a: Token, b: Token): boolean {
  return a.start < b.end && b.start < a.end;
}

function sameRange(a: Token, b: Token): boolean {
  return a.start === b.start && a.end === b.end;
}

function clampToken(ctx: EditorContext, index: number): number {
  return Math.max(0, Math.min(ctx.tokens.length - 1, index));
}

/** Nested spans: the innermost one around the token is the one the annotator points at. */
function innermostSpanAt(ctx: EditorContext, spans: readonly Span[], tokenIndex: number): number | null {
  const token = ctx.tokens[tokenIndex];
  if (token === undefined) return null;
  let best: number | null = null;
  spans.forEach((span, i) => {
    if (!overlaps(span, token)) return;
    const chosen = best === null ? undefined : spans[best];
    if (chosen === undefined || span.end - span.start < chosen.end - chosen.start) best = i;
  });
  return best;
}

/** The character range labels act on: the selected span, else the tokens from anchor to cursor; null without text. */
export function selectionRange(ctx: EditorContext, state: EditorState): Token | null {
  const span = state.selectedSpan === null ? undefined : state.spans[state.selectedSpan];
  if (span !== undefined) return span;
  const from = ctx.tokens[Math.min(state.anchor ?? state.cursor, state.cursor)];
  const to = ctx.tokens[Math.max(state.anchor ?? state.cursor, state.cursor)];
  return from === undefined || to === undefined ? null : { start: from.start, end: to.end };
}

/**
 * First and last token of a span: a span off token boundaries (from a file or a model) covers the tokens it touches,
 * and one over nothing but spaces leaves the cursor where it is.
 */
function spanTokens(ctx: EditorContext, state: EditorState, span: Span): { first: number; last: number } {
  return tokenRange(ctx.tokens, span.start, span.end) ?? { first: state.cursor, last: state.cursor };
}

/**
 * Puts the cursor on token `index`. Extending keeps (or sets) the anchor; otherwise the span the cursor lands in
 * becomes selected, so a label key relabels it and Backspace removes it.
 */
export function moveCursorTo(ctx: EditorContext, state: EditorState, index: number, extend: boolean): EditorState {
  if (ctx.tokens.length === 0) return state;
  const cursor = clampToken(ctx, index);
  if (extend) return { ...state, cursor, anchor: state.anchor ?? state.cursor, selectedSpan: null };
  return { ...state, cursor, anchor: null, selectedSpan: innermostSpanAt(ctx, state.spans, cursor) };
}

/**
 * One token left or right. Shift-extending from a selected span grows it from its far end, so a span can be
 * widened by Shift+arrows and relabelled to replace itself.
 */
export function moveCursor(ctx: EditorContext, state: EditorState, delta: 1 | -1, extend: boolean): EditorState {
  const span = state.selectedSpan === null ? undefined : state.spans[state.selectedSpan];
  if (extend && state.anchor === null && span !== undefined) {
    const { first, last } = spanTokens(ctx, state, span);
    const from = delta > 0 ? { anchor: first, cursor: last } : { anchor: last, cursor: first };
    return moveCursorTo(ctx, { ...state, ...from }, from.cursor + delta, true);
  }
  return moveCursorTo(ctx, state, state.cursor + delta, extend);
}

/** A mouse drag or touch-handle selection from token `from` to token `to` (either order). */
export function selectTokens(ctx: EditorContext, state: EditorState, from: number, to: number): EditorState {
  if (ctx.tokens.length === 0) return state;
  return { ...state, anchor: clampToken(ctx, from), cursor: clampToken(ctx, to), selectedSpan: null };
}

/** A click on a span (or its tag): selects it and puts the cursor on its first token. */
export function selectSpan(ctx: EditorContext, state: EditorState, index: number): EditorState {
  const span = state.spans[index];
  if (span === undefined) return state;
  return { ...state, cursor: spanTokens(ctx, state, span).first, anchor: null, selectedSpan: index };
}

/** Escape: back to a bare cursor. */
export function clearSelection(state: EditorState): EditorState {
  return state.anchor === null && state.selectedSpan === null ? state : { ...state, anchor: null, selectedSpan: null };
}

/**
 * Labels a range: an existing span on exactly that range is relabelled, otherwise a new span is added and, when
 * overlaps are forbidden, replaces the spans it overlaps. The result is selected.
 */
function labelRange(ctx: EditorContext, state: EditorState, span: Span): EditorState {
  const existing = state.spans.findIndex((s) => sameRange(s, span));
  if (existing !== -1) return relabel(state, existing, span.label);
  const kept = ctx.allowOverlap ? state.spans : state.spans.filter((s) => !overlaps(s, span));
  const spans = [...kept, span].sort(compareSpans);
  return { ...state, spans, anchor: null, selectedSpan: spans.indexOf(span) };
}

function relabel(state: EditorState, index: number, label: string): EditorState {
  const old = state.spans[index];
  if (old === undefined) return state;
  if (old.label === label) {
    return state.anchor === null && state.selectedSpan === index ? state : { ...state, anchor: null, selectedSpan: index };
  }
  const span = { ...old, label };
  // With overlaps allowed, the same range may already carry the new label: relabelling merges the two.
  const next = state.spans.filter((s, i) => i !== index && !(sameRange(s, span) && s.label === label));
  const spans = [...next, span].sort(compareSpans);
  return { ...state, spans, anchor: null, selectedSpan: spans.indexOf(span) };
}

/**
 * The label key. A selected span, or a selection covering exactly an existing span, is relabelled; otherwise the
 * selection becomes a new span. When overlaps are forbidden the new span replaces the spans it overlaps, rather
 * than being refused: the annotator's latest gesture is what they mean (to widen "York" into "New York" they just
 * select the wider range), and a refusal would make them delete first.
 */
export function applyLabel(ctx: EditorContext, state: EditorState, label: string): EditorState {
  if (state.selectedSpan !== null) return relabel(state, state.selectedSpan, label);
  const range = selectionRange(ctx, state);
  return range === null ? state : labelRange(ctx, state, { start: range.start, end: range.end, label });
}

/**
 * Backspace: removes the selected span. The cursor stays where it was with nothing selected, so a held key never
 * eats the next span too.
 */
export function deleteSelected(state: EditorState): EditorState {
  if (state.selectedSpan === null) return state;
  const spans = state.spans.filter((_, i) => i !== state.selectedSpan);
  return { ...state, spans, anchor: null, selectedSpan: null };
}

/**
 * Suggestions that are not already spans (same range and label): accepted ones disappear even before the host drops
 * them. `spans` sorted (compareSpans), as an EditorState holds them.
 */
export function pendingSuggestions(spans: readonly Span[], suggestions: readonly SuggestedSpan[]): SuggestedSpan[] {
  return suggestions.filter((s) => !holdsSpan(spans, s));
}

/** Whether sorted `spans` hold `span`: a binary search, as this runs for every suggestion on every edit. */
function holdsSpan(spans: readonly Span[], span: Span): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSpans(spans[mid] as Span, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  const found = spans[lo];
  return found !== undefined && sameSpan(found, span);
}

/** The pending suggestion under the cursor token: the most confident, then the shortest. */
export function suggestionAtCursor(ctx: EditorContext, state: EditorState, suggestions: readonly SuggestedSpan[]): SuggestedSpan | null {
  const token = ctx.tokens[state.cursor];
  if (token === undefined) return null;
  // Only the few under the cursor are checked against the spans: this runs on every cursor move.
  const under = suggestions.filter((s) => overlaps(s, token) && !state.spans.some((span) => sameSpan(span, s)));
  under.sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || a.end - a.start - (b.end - b.start));
  return under[0] ?? null;
}

export interface Accepted {
  state: EditorState;
  accepted: SuggestedSpan[];
}

/** Enter: the one suggestion becomes a span exactly as a label key on its range would make it. */
export function acceptSuggestion(ctx: EditorContext, state: EditorState, suggestion: SuggestedSpan): Accepted {
  const span = { start: suggestion.start, end: suggestion.end, label: suggestion.label };
  return { state: labelRange(ctx, state, span), accepted: [suggestion] };
}

/**
 * Shift+Enter: every pending suggestion that fits. Unlike a single accept it never removes or relabels a human
 * span — a bulk action must not undo decisions the annotator made one by one — so suggestions on a range that is
 * already labelled, or overlapping a span when overlaps are forbidden, are left as they are.
 */
export function acceptAllSuggestions(ctx: EditorContext, state: EditorState, suggestions: readonly SuggestedSpan[]): Accepted {
  const selected = state.selectedSpan === null ? undefined : state.spans[state.selectedSpan];
  const spans = [...state.spans];
  const accepted: SuggestedSpan[] = [];
  for (const suggestion of pendingSuggestions(state.spans, suggestions)) {
    const blocked = spans.some((s) => sameRange(s, suggestion) || (!ctx.allowOverlap && overlaps(s, suggestion)));
    if (blocked) continue;
    spans.push({ start: suggestion.start, end: suggestion.end, label: suggestion.label });
    accepted.push(suggestion);
  }
  if (accepted.length === 0) return { state, accepted };
  spans.sort(compareSpans);
  const selectedSpan = selected === undefined ? null : spans.indexOf(selected);
  return { state: { ...state, spans, anchor: null, selectedSpan }, accepted };
}
