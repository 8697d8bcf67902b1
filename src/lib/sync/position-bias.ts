// Who always picks the left answer: per annotator, how often the response shown first (A) won among their judgements
// that named a winner of two, with the exact two-sided binomial test against 0.5 — the share an annotator who does
// not care where a response is shown has in the long run, since which response is A is random per annotator and task.
// Judgements of three or four responses are left out (the first would win a third or a quarter of the time), and so
// are ties and "both bad", which choose no side.
import { decodeJudgement, preferredId } from '../domain/compare';
import { binomialTestTwoSided } from './binomial';
import { compareText, mergeAll } from './merge';
import type { SyncAnnotation } from './types';
import { isVote } from './votes';

/** Below this p-value a share of first choices is called out: an annotator who ignores position gets there 1 time in 100. */
export const POSITION_BIAS_BELOW = 0.01;

export interface PositionBias {
  annotatorId: string;
  annotatorName: string;
  /** Judgements of two responses that named a winner. */
  choices: number;
  /** Of those, the ones whose winner was shown first (A, left). */
  first: number;
  /** first / choices; null with no choices. */
  firstShare: number | null;
  /** Exact two-sided binomial test of `first` of `choices` against 0.5; null with no choices. */
  pValue: number | null;
}

/** For the annotations of one compare project, in any order and with any old versions; by annotator id. */
export function positionBias(annotations: readonly SyncAnnotation[]): PositionBias[] {
  const counts = new Map<string, { name: string; choices: number; first: number }>();
  for (const a of mergeAll([annotations]).filter(isVote)) {
    const entry = counts.get(a.annotatorId) ?? { name: a.annotatorName, choices: 0, first: 0 };
    counts.set(a.annotatorId, entry);
    const judgement = decodeJudgement(a.value[0] as string);
    if (typeof judgement === 'string' || judgement.shown.length !== 2) continue;
    const winner = preferredId(judgement);
    if (winner === null) continue;
    entry.choices++;
    if (winner === judgement.shown[0]) entry.first++;
  }
  return [...counts]
    .sort(([x], [y]) => compareText(x, y))
    .map(([annotatorId, { name, choices, first }]) => ({
      annotatorId,
      annotatorName: name,
      choices,
      first,
      firstShare: choices === 0 ? null : first / choices,
      pValue: binomialTestTwoSided(first, choices),
    }));
}
