// The compare screen's keys, as data: tested without a DOM, listed in the key map from the same table.
import { actionInTable, BROWSE_HINT, hasModifier, HELP_HINT, keyName, SKIP_HINT, TASK_KEYS, type KeyHint, type KeyPress, type KeyTable, type TaskMove } from '../../../labels/keymap';
import type { NumberKeysAnswer } from './judgement-draft';

export type CompareAction =
  /** The response shown at `position` (A = 0) is better, or next in the ranking. */
  | { kind: 'prefer'; position: number }
  | { kind: 'tie' }
  | { kind: 'both-bad' }
  | { kind: 'rate'; item: string; value: number }
  | { kind: 'edit' }
  | TaskMove;

/** The keys that mean the same on every compare task; letters and numbers depend on what is shown (see below). */
const COMPARE_KEYS: KeyTable<CompareAction> = {
  plain: { ...TASK_KEYS.plain, e: { kind: 'edit' }, Backspace: { kind: 'undo' } },
  command: TASK_KEYS.command,
};

/** `answer`: what the number keys answer now (see numberKeysAnswer); `responses`: how many are shown. */
export function compareActionForKey(press: KeyPress, answer: NumberKeysAnswer, responses: number): CompareAction | null {
  if (hasModifier(press)) return actionInTable(press, COMPARE_KEYS);
  const key = keyName(press);
  const letter = 'abcd'.indexOf(key);
  if (key.length === 1 && letter >= 0 && letter < responses) return { kind: 'prefer', position: letter };
  if (/^[1-9]$/.test(key)) return numberKey(Number(key), answer, responses);
  return actionInTable(press, COMPARE_KEYS);
}

function numberKey(n: number, answer: NumberKeysAnswer, responses: number): CompareAction | null {
  if (answer.kind === 'rating') return n <= answer.item.scale ? { kind: 'rate', item: answer.item.name, value: n } : null;
  if (answer.kind !== 'preference') return null;
  if (n <= responses) return { kind: 'prefer', position: n - 1 };
  // Two responses: 3 and 4 are the answers that name neither.
  if (responses === 2 && n === 3) return { kind: 'tie' };
  if (responses === 2 && n === 4) return { kind: 'both-bad' };
  return null;
}

export const COMPARE_KEY_HINTS: KeyHint[] = [
  { keys: '1 or A / 2 or B', action: 'A is better / B is better (with 3–4 responses: rank them, best first; C, D too)' },
  { keys: '3 / 4', action: 'tie / both bad (two responses)' },
  { keys: 'then 1–9', action: 'rate each rubric item in turn' },
  { keys: 'E', action: 'edit the chosen response (Esc leaves the editor)' },
  { keys: 'Enter', action: 'submit the judgement and go on' },
  SKIP_HINT,
  BROWSE_HINT,
  { keys: 'Backspace, Ctrl+Z / ⌘Z', action: 'undo the last judgement' },
  HELP_HINT,
];
