import type { LabelDef } from '../domain/types';

export type AnnotateAction =
  | { kind: 'label'; label: string }
  | { kind: 'submit' }
  | { kind: 'skip' }
  | { kind: 'previous' }
  | { kind: 'next' }
  | { kind: 'undo' }
  | { kind: 'help' };

/** The parts of a KeyboardEvent the key map looks at, so it can be tested without a DOM. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function actionForKey(press: KeyPress, labels: readonly LabelDef[]): AnnotateAction | null {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if ((press.ctrlKey || press.metaKey) && key === 'z') return { kind: 'undo' };
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  switch (key) {
    case 'Enter':
      return { kind: 'submit' };
    case 's':
    case ' ':
      return { kind: 'skip' };
    case 'ArrowLeft':
      return { kind: 'previous' };
    case 'ArrowRight':
      return { kind: 'next' };
    case '?':
      return { kind: 'help' };
  }
  const label = labels.find((l) => l.hotkey === key);
  return label ? { kind: 'label', label: label.name } : null;
}

export interface KeyHint {
  keys: string;
  action: string;
}

export const KEY_HINTS: KeyHint[] = [
  { keys: '1–9, letters', action: 'choose a label (single label: choose and go on; multi label: toggle)' },
  { keys: 'Enter', action: 'submit the selection' },
  { keys: 'S or Space', action: 'skip this task' },
  { keys: '← / →', action: 'previous / next task' },
  { keys: 'Ctrl+Z / ⌘Z', action: 'undo the last action' },
  { keys: '?', action: 'show or hide this key map' },
];

/**
 * Span projects: ←/→, Shift, Enter, Backspace and the label keys belong to the span editor, so moving between
 * tasks takes Page Up/Down (or Alt+←/→) and finishing a task Ctrl/⌘+Enter.
 */
export function spanTaskActionForKey(press: KeyPress): AnnotateAction | null {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (press.ctrlKey || press.metaKey) {
    if (key === 'z') return { kind: 'undo' };
    if (key === 'Enter') return { kind: 'submit' };
    return null;
  }
  if (press.altKey) return key === 'ArrowLeft' ? { kind: 'previous' } : key === 'ArrowRight' ? { kind: 'next' } : null;
  switch (key) {
    case 'PageUp':
      return { kind: 'previous' };
    case 'PageDown':
      return { kind: 'next' };
    case 's':
      return { kind: 'skip' };
    case '?':
      return { kind: 'help' };
  }
  return null;
}

export const SPAN_TASK_KEY_HINTS: KeyHint[] = [
  { keys: 'Ctrl+Enter / ⌘Enter', action: 'done with this task: save its spans and go on' },
  { keys: 'S', action: 'skip this task' },
  { keys: 'Page Up / Page Down, Alt+← / Alt+→', action: 'previous / next task' },
  { keys: 'Ctrl+Z / ⌘Z', action: 'undo the last change' },
  { keys: '?', action: 'show or hide this key map' },
];
