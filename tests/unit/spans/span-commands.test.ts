import { describe, expect, it } from 'vitest';
import { initialEditorState, moveCursor, type EditorContext } from '../../../src/lib/spans/editing';
import type { SuggestedSpan } from '../../../src/lib/spans/suggestions';
import { tokenize } from '../../../src/lib/spans/tokens';
import { commandResult } from '../../../src/ui/annotate/spans/span-commands';

const ctx: EditorContext = { tokens: tokenize('Ada Lovelace met Charles Babbage in London.'), allowOverlap: false };
const NONE = { pending: [], underCursor: null };

describe('span editor commands', () => {
  it('reports a command with nothing to act on as null, so its key stays free for the screen', () => {
    const state = initialEditorState([]);
    expect(commandResult({ kind: 'delete' }, ctx, state, NONE)).toBeNull();
    expect(commandResult({ kind: 'clear' }, ctx, state, NONE)).toBeNull();
    expect(commandResult({ kind: 'accept' }, ctx, state, NONE)).toBeNull();
    expect(commandResult({ kind: 'accept-all' }, ctx, state, NONE)).toBeNull();
  });

  it('moves the cursor to the last word on End, and labels a selection accepting no suggestion', () => {
    const state = initialEditorState([]);
    expect(commandResult({ kind: 'edge', to: 'last', extend: false }, ctx, state, NONE)?.state.cursor).toBe(ctx.tokens.length - 1);
    const selected = moveCursor(ctx, state, 1, true);
    const labelled = commandResult({ kind: 'label', label: 'PER' }, ctx, selected, NONE);
    expect(labelled?.state.spans).toEqual([{ start: 0, end: 12, label: 'PER' }]);
    expect(labelled?.accepted).toEqual([]);
  });

  it('accepts the suggestion under the cursor, or all pending ones, and says which', () => {
    const ada: SuggestedSpan = { start: 0, end: 3, label: 'PER', source: 'model', confidence: 0.9 };
    const london: SuggestedSpan = { start: 36, end: 42, label: 'LOC', source: 'model', confidence: 0.8 };
    const state = initialEditorState([]);
    expect(commandResult({ kind: 'accept' }, ctx, state, { pending: [ada, london], underCursor: ada })?.accepted).toEqual([ada]);
    expect(commandResult({ kind: 'accept-all' }, ctx, state, { pending: [ada, london], underCursor: null })?.accepted).toEqual([ada, london]);
  });
});
