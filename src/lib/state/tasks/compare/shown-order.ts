// Which response is shown as A: people prefer what they read first, so each annotator sees each task's responses in
// an order of their own, the same every time they open it (a seed made of their id and the task's), and the stored
// judgement says which order that was.
import type { ModelResponse } from '../../../domain/compare';
import { shuffleInPlace } from '../../../learn/random';
import { annotatorTaskRng } from '../../annotator-seed';

/** The task's responses in the order this annotator sees them. */
export function shownOrder(responses: readonly ModelResponse[], annotatorId: string, taskId: string): ModelResponse[] {
  return shuffleInPlace([...responses], annotatorTaskRng(annotatorId, taskId));
}

/**
 * The order a stored judgement recorded, when it still names exactly the task's responses (a judgement made on
 * another device, or before a shuffle changed, is shown as it was judged); else the seeded order.
 */
export function orderToShow(responses: readonly ModelResponse[], stored: readonly string[] | null, annotatorId: string, taskId: string): ModelResponse[] {
  if (stored && stored.length === responses.length) {
    const byId = new Map(responses.map((response) => [response.id, response]));
    const again = stored.map((id) => byId.get(id));
    if (again.every((response) => response !== undefined) && new Set(stored).size === stored.length) return again as ModelResponse[];
  }
  return shownOrder(responses, annotatorId, taskId);
}

/** "A", "B", "C", "D": how a shown position is named on screen and on the keyboard. */
export function positionName(position: number): string {
  return String.fromCharCode(65 + position);
}
