import type { LabelDef } from '../domain/types';

/** What every task type's screen does with a key, whatever its labels: move between tasks, decide, take back. */
export type TaskMove = { kind: 'submit' } | { kind: 'skip' } | { kind: 'previous' } | { kind: 'next' } | { kind: 'undo' } | { kind: 'help' };

export type AnnotateAction = { kind: 'label'; label: string } | TaskMove;

/** The parts of a KeyboardEvent the key map looks at, so it can be tested without a DOM. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * A screen's keys as data, by the modifier held: `command` with Ctrl or ⌘ (either, with or without Alt), `alt` with
 * Alt alone, `plain` with neither. Keys are named as keyName names them.
 */
export interface KeyTable<A> {
  plain: Readonly<Record<string, A>>;
  command?: Readonly<Record<string, A>>;
  alt?: Readonly<Record<string, A>>;
}

/** A printable key in lower case (so Shift or Caps Lock change nothing), any other by its name ('Enter'). */
export function keyName(press: KeyPress): string {
  return press.key.length === 1 ? press.key.toLowerCase() : press.key;
}

export function hasModifier(press: KeyPress): boolean {
  return press.ctrlKey || press.metaKey || press.altKey;
}

export function actionInTable<A>(press: KeyPress, table: KeyTable<A>): A | null {
  const keys = press.ctrlKey || press.metaKey ? table.command : press.altKey ? table.alt : table.plain;
  const key = keyName(press);
  // Own keys only: a key named like an Object method ('constructor') is no action.
  return keys && Object.hasOwn(keys, key) ? (keys[key] ?? null) : null;
}

const SUBMIT = { kind: 'submit' } as const;
const SKIP = { kind: 'skip' } as const;
const PREVIOUS = { kind: 'previous' } as const;
const NEXT = { kind: 'next' } as const;
const UNDO = { kind: 'undo' } as const;
const HELP = { kind: 'help' } as const;

/** The keys of a screen that shows one task at a time with room for the arrows: classification and compare. */
export const TASK_KEYS: KeyTable<TaskMove> = {
  plain: { Enter: SUBMIT, s: SKIP, ' ': SKIP, ArrowLeft: PREVIOUS, ArrowRight: NEXT, '?': HELP },
  command: { z: UNDO },
};

/**
 * Span projects: ←/→, Shift, Enter, Backspace and the label keys belong to the span editor, so moving between
 * tasks takes Page Up/Down (or Alt+←/→) and finishing a task Ctrl/⌘+Enter.
 */
const SPAN_TASK_KEYS: KeyTable<TaskMove> = {
  plain: { PageUp: PREVIOUS, PageDown: NEXT, s: SKIP, '?': HELP },
  command: { z: UNDO, Enter: SUBMIT },
  alt: { ArrowLeft: PREVIOUS, ArrowRight: NEXT },
};

export function actionForKey(press: KeyPress, labels: readonly LabelDef[]): AnnotateAction | null {
  const action = actionInTable(press, TASK_KEYS);
  if (action || hasModifier(press)) return action;
  const key = keyName(press);
  const label = labels.find((l) => l.hotkey === key);
  return label ? { kind: 'label', label: label.name } : null;
}

export function spanTaskActionForKey(press: KeyPress): AnnotateAction | null {
  return actionInTable(press, SPAN_TASK_KEYS);
}

export interface KeyHint {
  keys: string;
  action: string;
}

/** Rows every key map lists alike. */
export const SKIP_HINT: KeyHint = { keys: 'S or Space', action: 'skip this task' };
export const BROWSE_HINT: KeyHint = { keys: '← / →', action: 'previous / next task' };
export const HELP_HINT: KeyHint = { keys: '?', action: 'show or hide this key map' };

export const KEY_HINTS: KeyHint[] = [
  { keys: '1–9, letters', action: 'choose a label (single label: choose and go on; multi label: toggle)' },
  { keys: 'Enter', action: 'submit the selection' },
  SKIP_HINT,
  BROWSE_HINT,
  { keys: 'Ctrl+Z / ⌘Z', action: 'undo the last action' },
  HELP_HINT,
];

export const SPAN_TASK_KEY_HINTS: KeyHint[] = [
  { keys: 'Ctrl+Enter / ⌘Enter', action: 'done with this task: save its spans and go on' },
  { keys: 'S', action: 'skip this task' },
  { keys: 'Page Up / Page Down, Alt+← / Alt+→', action: 'previous / next task' },
  { keys: 'Ctrl+Z / ⌘Z', action: 'undo the last change' },
  HELP_HINT,
];
