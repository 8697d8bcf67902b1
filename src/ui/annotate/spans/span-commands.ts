// What a span editor command does to the editor's state, apart from drawing it.
import {
  acceptAllSuggestions, acceptSuggestion, applyLabel, clearSelection, deleteSelected, moveCursor, moveCursorTo,
  type Accepted, type EditorContext, type EditorState,
} from '../../../lib/spans/editing';
import type { SuggestedSpan } from '../../../lib/spans/suggestions';
import type { SpanCommand } from './keys';

/** The suggestions not yet accepted, and the one under the cursor (if any). */
export interface PendingSuggestions {
  pending: SuggestedSpan[];
  underCursor: SuggestedSpan | null;
}

/**
 * The state after `command`, with the suggestions it accepted; null when it had nothing to act on (no span selected
 * to delete, nothing to clear, no suggestion to accept), so the key can mean something else to the screen.
 */
export function commandResult(command: SpanCommand, ctx: EditorContext, editor: EditorState, suggestions: PendingSuggestions): Accepted | null {
  const { pending, underCursor } = suggestions;
  const moved = (state: EditorState): Accepted => ({ state, accepted: [] });
  switch (command.kind) {
    case 'move':
      return moved(moveCursor(ctx, editor, command.delta, command.extend));
    case 'edge':
      return moved(moveCursorTo(ctx, editor, command.to === 'first' ? 0 : ctx.tokens.length - 1, command.extend));
    case 'label':
      return moved(applyLabel(ctx, editor, command.label));
    case 'delete':
      return editor.selectedSpan === null ? null : moved(deleteSelected(editor));
    case 'clear':
      return editor.anchor === null && editor.selectedSpan === null ? null : moved(clearSelection(editor));
    case 'accept':
      return underCursor === null ? null : acceptSuggestion(ctx, editor, underCursor);
    case 'accept-all':
      return pending.length === 0 ? null : acceptAllSuggestions(ctx, editor, pending);
  }
}
