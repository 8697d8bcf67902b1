// The anchoring check over every annotator whose labels are here: merged label files carry each decision's suggestion
// and whether it was hidden (types.ts SyncSuggestion), so the Model screen and `fieldlabel stats` count them all, per
// annotator and together, not only this device's annotator. Only current labels count: skips, undone labels, reviews
// and decisions made without a suggestion say nothing about being swayed.
import { anchoringByAnnotator, type AnchoringByAnnotator } from '../learn/anchoring';
import { compareText, mergeAll } from './merge';
import type { SyncAnnotation } from './types';
import { isVote } from './votes';

/** For the annotations of one project, in any order and with any old versions. */
export function anchoringOfAnnotations(annotations: readonly SyncAnnotation[]): AnchoringByAnnotator {
  const decisions = mergeAll([annotations]).flatMap((a) =>
    isVote(a) && a.suggestion !== undefined
      ? [{ annotatorId: a.annotatorId, annotatorName: a.annotatorName, value: a.value, suggested: a.suggestion.value, hidden: a.suggestion.hidden === true }]
      : [],
  );
  return anchoringByAnnotator(decisions, compareText);
}
