// Choices made per annotator and task (which response is shown first, whether a suggestion is hidden) come from a
// seed of the two ids: the same on every machine and every opening, different between annotators.
import { createRng, type Rng } from '../learn/random';

/** A seeded source for one annotator, one task and one purpose (`salt` keeps the purposes independent). */
export function annotatorTaskRng(annotatorId: string, taskId: string, salt = ''): Rng {
  return createRng(seedOf(`${salt}${annotatorId}\u0000${taskId}`));
}

/** FNV-1a over the string's UTF-16 units. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The anchoring check: on a seeded share of tasks the suggestion is not shown, so agreement with the model on those
 * tasks says what annotators conclude unprompted, and the Model screen can set it beside the tasks where it was shown.
 */
export function hidesSuggestion(annotatorId: string, taskId: string, share: number): boolean {
  return share > 0 && annotatorTaskRng(annotatorId, taskId, 'hide\u0000')() < share;
}
