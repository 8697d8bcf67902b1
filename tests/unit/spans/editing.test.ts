import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptAllSuggestions,
  acceptSuggestion,
  applyLabel,
  clearSelection,
  deleteSelected,
  initialEditorState,
  moveCursor,
  moveCursorTo,
  pendingSuggestions,
  selectionRange,
  selectSpan,
  selectTokens,
  suggestionAtCursor,
  type EditorContext,
  type EditorState,
} from '../../../src/lib/spans/editing';
import { compareSpans, sameSpan, type Span } from '../../../src/lib/spans/span-value';
import type { SuggestedSpan } from '../../../src/lib/spans/suggestions';
import { tokenize } from '../../../src/lib/spans/tokens';

const TEXT = 'Ada Lovelace met Charles Babbage in London.';
// tokens:    0   1        2   3       4       5  6     7

function setup(text = TEXT, allowOverlap = false, spans: Span[] = []): { ctx: EditorContext; state: EditorState } {
  return { ctx: { tokens: tokenize(text), allowOverlap }, state: initialEditorState(spans) };
}

/** Spans as the annotator reads them. */
function shown(state: EditorState, text = TEXT): string[] {
  return state.spans.map((s) => `${text.slice(s.start, s.end)}/${s.label}`);
}

function selected(state: EditorState, text = TEXT): string | null {
  const span = state.selectedSpan === null ? undefined : state.spans[state.selectedSpan];
  return span === undefined ? null : `${text.slice(span.start, span.end)}/${span.label}`;
}

function keys(ctx: EditorContext, state: EditorState, moves: ('→' | '←' | '⇧→' | '⇧←')[]): EditorState {
  return moves.reduce((s, key) => moveCursor(ctx, s, key.endsWith('→') ? 1 : -1, key.startsWith('⇧')), state);
}

function range(text: string, phrase: string): { start: number; end: number } {
  const start = text.indexOf(phrase);
  return { start, end: start + phrase.length };
}

function span(text: string, phrase: string, label: string): Span {
  return { ...range(text, phrase), label };
}

describe('keyboard labelling', () => {
  it('labels the cursor token, and a Shift-extended selection in either direction', () => {
    const { ctx, state } = setup();
    let s = applyLabel(ctx, state, 'PER');
    expect(shown(s)).toEqual(['Ada/PER']);
    s = keys(ctx, moveCursorTo(ctx, s, 4, false), ['⇧←']);
    expect(selectionRange(ctx, s)).toEqual(range(TEXT, 'Charles Babbage'));
    s = applyLabel(ctx, s, 'PER');
    s = keys(ctx, moveCursorTo(ctx, s, 1, false), []);
    expect(selected(s)).toBeNull();
    s = applyLabel(ctx, keys(ctx, moveCursorTo(ctx, s, 0, false), ['⇧→']), 'NAME');
    expect(shown(s)).toEqual(['Ada Lovelace/NAME', 'Charles Babbage/PER']);
    expect(selected(s)).toBe('Ada Lovelace/NAME');
    expect(s.anchor).toBeNull();
  });

  it('selects a span when the cursor lands in it, so the label key relabels it and Backspace removes it', () => {
    const { ctx, state } = setup(TEXT, false, [span(TEXT, 'London', 'LOC'), span(TEXT, 'Ada Lovelace', 'PER')]);
    let s = keys(ctx, state, ['→']);
    expect(selected(s)).toBe('Ada Lovelace/PER');
    s = applyLabel(ctx, s, 'ORG');
    expect(shown(s)).toEqual(['Ada Lovelace/ORG', 'London/LOC']);
    s = keys(ctx, s, ['→']);
    expect(selected(s)).toBeNull();
    expect(deleteSelected(s)).toBe(s);
    s = deleteSelected(moveCursorTo(ctx, s, 6, false));
    expect(shown(s)).toEqual(['Ada Lovelace/ORG']);
    expect(selected(s)).toBeNull();
    expect(s.cursor).toBe(6);
  });

  it('relabels a span when the selection covers exactly it, instead of adding a second one', () => {
    const { ctx, state } = setup(TEXT, true, [span(TEXT, 'Charles Babbage', 'PER')]);
    const s = applyLabel(ctx, selectTokens(ctx, state, 4, 3), 'MATH');
    expect(shown(s)).toEqual(['Charles Babbage/MATH']);
    expect(applyLabel(ctx, s, 'MATH')).toBe(s);
  });

  it('stops at both ends of the text; Home and End are moves to the first and last token', () => {
    const { ctx, state } = setup();
    expect(keys(ctx, state, ['←', '←']).cursor).toBe(0);
    const end = moveCursorTo(ctx, state, Number.MAX_SAFE_INTEGER, false);
    expect(end.cursor).toBe(7);
    expect(keys(ctx, end, ['→']).cursor).toBe(7);
    const s = applyLabel(ctx, keys(ctx, end, ['⇧←', '⇧←', '⇧→']), 'LOC');
    expect(shown(s)).toEqual(['London./LOC']);
    const home = moveCursorTo(ctx, end, 0, true);
    expect(selectionRange(ctx, home)).toEqual({ start: 0, end: TEXT.length });
  });

  it('widens a selected span with Shift+arrows from its far end, and the new span replaces it', () => {
    const { ctx, state } = setup(TEXT, false, [span(TEXT, 'Babbage', 'PER')]);
    let s = moveCursorTo(ctx, state, 4, false);
    expect(selected(s)).toBe('Babbage/PER');
    s = keys(ctx, s, ['⇧←']);
    expect(selectionRange(ctx, s)).toEqual(range(TEXT, 'Charles Babbage'));
    s = applyLabel(ctx, s, 'PER');
    expect(shown(s)).toEqual(['Charles Babbage/PER']);
    s = applyLabel(ctx, keys(ctx, s, ['⇧→', '⇧→']), 'PER');
    expect(shown(s)).toEqual(['Charles Babbage in London/PER']);
  });

  it('Escape leaves a bare cursor', () => {
    const { ctx, state } = setup(TEXT, false, [span(TEXT, 'Ada', 'PER')]);
    const s = clearSelection(keys(ctx, state, ['⇧→']));
    expect(s.anchor).toBeNull();
    expect(s.selectedSpan).toBeNull();
    expect(clearSelection(s)).toBe(s);
    expect(clearSelection(selectSpan(ctx, state, 0)).selectedSpan).toBeNull();
  });

  it('does nothing on an empty or blank text', () => {
    const { ctx, state } = setup('   ');
    expect(moveCursor(ctx, state, 1, true)).toBe(state);
    expect(applyLabel(ctx, state, 'X')).toBe(state);
    expect(selectionRange(ctx, state)).toBeNull();
    expect(selectTokens(ctx, state, 0, 3)).toBe(state);
  });
});

describe('overlaps', () => {
  const text = 'the University of New York press';

  it('forbidden: a new span replaces every span it overlaps', () => {
    const { ctx, state } = setup(text, false, [span(text, 'University', 'ORG'), span(text, 'York press', 'X')]);
    const s = applyLabel(ctx, selectTokens(ctx, state, 3, 4), 'LOC');
    expect(shown(s, text)).toEqual(['University/ORG', 'New York/LOC']);
    expect(selected(s, text)).toBe('New York/LOC');
  });

  it('allowed: nested spans are kept, and the cursor selects the innermost one', () => {
    const { ctx, state } = setup(text, true, [span(text, 'University of New York', 'ORG')]);
    let s = applyLabel(ctx, selectTokens(ctx, state, 3, 4), 'LOC');
    expect(shown(s, text)).toEqual(['University of New York/ORG', 'New York/LOC']);
    s = moveCursorTo(ctx, s, 4, false);
    expect(selected(s, text)).toBe('New York/LOC');
    s = moveCursorTo(ctx, s, 2, false);
    expect(selected(s, text)).toBe('University of New York/ORG');
    s = deleteSelected(s);
    expect(shown(s, text)).toEqual(['New York/LOC']);
  });

  it('allowed: a one-token span inside a span is made by Escape, then Shift-selecting that token', () => {
    const { ctx, state } = setup(text, true, [span(text, 'New York', 'LOC')]);
    const inSpan = moveCursorTo(ctx, state, 4, false);
    expect(selectionRange(ctx, keys(ctx, inSpan, ['⇧←', '⇧→']))).toEqual(range(text, 'New York'));
    const s = applyLabel(ctx, keys(ctx, clearSelection(inSpan), ['⇧→', '⇧←']), 'CITY');
    expect(shown(s, text)).toEqual(['New York/LOC', 'York/CITY']);
  });

  it('allowed: relabelling onto a label the same range already has merges the two', () => {
    const { ctx, state } = setup(text, true, [span(text, 'York', 'A'), span(text, 'York', 'B')]);
    const s = applyLabel(ctx, selectSpan(ctx, state, 0), 'B');
    expect(shown(s, text)).toEqual(['York/B']);
  });
});

describe('astral characters and combining marks', () => {
  it('labels an emoji and a decomposed name in whole code points, offsets in UTF-16 units', () => {
    const text = 'Zoë👩🏽‍💻 likes Cafe\u0301 𝒳';
    const { ctx, state } = setup(text);
    let s = applyLabel(ctx, state, 'A');
    expect(shown(s, text)).toEqual(['Zoë/A']);
    s = applyLabel(ctx, keys(ctx, s, ['→']), 'EMOJI');
    expect(s.spans[1]).toEqual({ start: 3, end: 10, label: 'EMOJI' });
    s = applyLabel(ctx, moveCursorTo(ctx, s, 3, false), 'PLACE');
    s = applyLabel(ctx, moveCursorTo(ctx, s, 4, false), 'MATH');
    expect(shown(s, text)).toEqual(['Zoë/A', '👩🏽‍💻/EMOJI', 'Cafe\u0301/PLACE', '𝒳/MATH']);
    expect(s.spans[3]).toEqual({ start: text.length - 2, end: text.length, label: 'MATH' });
  });
});

describe('suggestions', () => {
  const suggestions: SuggestedSpan[] = [
    { ...span(TEXT, 'Ada Lovelace', 'PER'), source: 'model', confidence: 0.9 },
    { ...span(TEXT, 'Lovelace', 'LOC'), source: 'dictionary', confidence: null },
    { ...span(TEXT, 'London', 'LOC'), source: 'file', confidence: null },
  ];

  it('finds the most confident pending suggestion under the cursor', () => {
    const { ctx, state } = setup();
    expect(suggestionAtCursor(ctx, keys(ctx, state, ['→']), suggestions)?.label).toBe('PER');
    expect(suggestionAtCursor(ctx, moveCursorTo(ctx, state, 2, false), suggestions)).toBeNull();
    const accepted = initialEditorState([span(TEXT, 'Ada Lovelace', 'PER')]);
    expect(suggestionAtCursor(ctx, keys(ctx, accepted, ['→']), suggestions)?.label).toBe('LOC');
    expect(pendingSuggestions(accepted.spans, suggestions)).toEqual(suggestions.slice(1));
  });

  it('accepting one works like its label key: it replaces what it overlaps when overlaps are forbidden', () => {
    const { ctx, state } = setup(TEXT, false, [span(TEXT, 'Ada', 'X'), span(TEXT, 'London', 'GPE')]);
    let result = acceptSuggestion(ctx, state, suggestions[0] as SuggestedSpan);
    expect(shown(result.state)).toEqual(['Ada Lovelace/PER', 'London/GPE']);
    expect(result.accepted).toEqual([suggestions[0]]);
    result = acceptSuggestion(ctx, result.state, suggestions[2] as SuggestedSpan);
    expect(shown(result.state)).toEqual(['Ada Lovelace/PER', 'London/LOC']);
  });

  it('accepting all never touches a human span and never adds overlapping suggestions when overlaps are forbidden', () => {
    const { ctx, state } = setup(TEXT, false, [span(TEXT, 'London', 'GPE')]);
    const s = selectSpan(ctx, state, 0);
    const result = acceptAllSuggestions(ctx, s, suggestions);
    expect(shown(result.state)).toEqual(['Ada Lovelace/PER', 'London/GPE']);
    expect(result.accepted.map((a) => a.label)).toEqual(['PER']);
    expect(selected(result.state)).toBe('London/GPE');
    expect(acceptAllSuggestions(ctx, result.state, suggestions).state).toBe(result.state);
  });

  it('accepting all with overlaps allowed nests suggestions but still skips labelled ranges', () => {
    const { ctx, state } = setup(TEXT, true, [span(TEXT, 'London', 'GPE')]);
    const result = acceptAllSuggestions(ctx, state, suggestions);
    expect(shown(result.state)).toEqual(['Ada Lovelace/PER', 'Lovelace/LOC', 'London/GPE']);
  });
});

describe('pendingSuggestions on many spans', () => {
  const spanArb = fc.record({ start: fc.nat(30), length: fc.integer({ min: 1, max: 5 }), label: fc.constantFrom('PER', 'LOC', 'ORG') }).map(({ start, length, label }) => ({ start, end: start + length, label }));

  it('leaves out exactly the suggestions that are spans already (same range and label)', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 40 }), fc.array(spanArb, { maxLength: 20 }), (spans, ranges) => {
        const sorted = [...spans].sort(compareSpans);
        const suggestions: SuggestedSpan[] = ranges.map((r) => ({ ...r, source: 'model', confidence: 0.5 }));
        const expected = suggestions.filter((s) => !spans.some((span) => sameSpan(span, s)));
        expect(pendingSuggestions(sorted, suggestions)).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
