// What differs between two responses, word by word (jsdiff's diffWords), for the optional diff view.
import { diffWords } from 'diff';

export interface DiffPiece {
  text: string;
  /** same: in both; removed: only in the first; added: only in the second. */
  kind: 'same' | 'removed' | 'added';
}

/** Past this many edits the texts are too different for a word diff to help (and it would take long). */
const MAX_EDITS = 4000;

/** The pieces in reading order, or null when the two are too different to compare word by word. */
export function wordDiff(first: string, second: string): DiffPiece[] | null {
  const changes = diffWords(first, second, { maxEditLength: MAX_EDITS });
  if (!changes) return null;
  return changes.map((change) => ({ text: change.value, kind: change.added ? 'added' : change.removed ? 'removed' : 'same' }));
}
