// The span editor's keys. Ctrl, ⌘ and Alt combinations are left to the annotate screen (undo, finishing a task,
// moving between tasks), so the two key maps never compete for a key.
import type { LabelDef } from '../../../lib/db/rows';
import type { KeyHint, KeyPress } from '../../../lib/labels/keymap';

export type SpanCommand =
  | { kind: 'move'; delta: 1 | -1; extend: boolean }
  | { kind: 'edge'; to: 'first' | 'last'; extend: boolean }
  | { kind: 'label'; label: string }
  | { kind: 'delete' }
  | { kind: 'clear' }
  | { kind: 'accept' }
  | { kind: 'accept-all' };

export interface SpanKeyPress extends KeyPress {
  shiftKey: boolean;
}

export function spanCommandForKey(press: SpanKeyPress, labels: readonly LabelDef[]): SpanCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const extend = press.shiftKey;
  switch (press.key) {
    case 'ArrowLeft':
      return { kind: 'move', delta: -1, extend };
    case 'ArrowRight':
      return { kind: 'move', delta: 1, extend };
    case 'Home':
      return { kind: 'edge', to: 'first', extend };
    case 'End':
      return { kind: 'edge', to: 'last', extend };
    case 'Backspace':
    case 'Delete':
      return { kind: 'delete' };
    case 'Escape':
      return { kind: 'clear' };
    case 'Enter':
      return { kind: press.shiftKey ? 'accept-all' : 'accept' };
  }
  if (press.key.length !== 1) return null;
  const key = press.key.toLowerCase();
  const label = labels.find((l) => l.hotkey === key);
  if (label) return { kind: 'label', label: label.name };
  // A label may own the letter a (hotkeys run 1–9, then letters); Shift+Enter always accepts all.
  return key === 'a' ? { kind: 'accept-all' } : null;
}

/** For the annotate screen's key map; the label keys are listed there from the project's labels. */
export const SPAN_EDITOR_KEY_HINTS: KeyHint[] = [
  { keys: '← / →', action: 'move the cursor one word (or mark)' },
  { keys: 'Shift+← / Shift+→', action: 'extend the selection; on a selected span, widen it' },
  { keys: 'Home / End', action: 'cursor to the first / last word (with Shift: select up to it)' },
  { keys: 'label key', action: 'label the selection, or relabel the selected span' },
  { keys: 'Backspace / Delete', action: 'remove the selected span' },
  { keys: 'Esc', action: 'clear the selection' },
  { keys: 'Enter', action: 'accept the suggestion under the cursor' },
  { keys: 'Shift+Enter or A', action: 'accept all suggestions' },
];
