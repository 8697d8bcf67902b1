// Who always picks the left answer: per annotator, how often the response shown first (A) was chosen best among their
// judgements that named a best one (a winner, or a ranking's first), against the share an annotator who does not care
// where a response is shown has in the long run — which response is A is random per annotator and task, so with k
// responses shown the first is best 1 time in k. Ties and "both bad" choose no side and are left out.
//
// Judgements of 2, 3 and 4 responses are tested together: the count of first-shown winners is a sum of independent
// trials with chances 1/2, 1/3, 1/4, and the exact two-sided test over that sum's distribution (binomial.ts) gives one
// p-value per annotator, which a coordinator can act on, from all their judgements, where a test per k would split
// them into smaller samples and three p-values to read. The counts per k are kept beside it, to see where a lean is.
import { decodeJudgement, MAX_RESPONSES, MIN_RESPONSES, type Judgement } from '../domain/compare';
import { binomialMixtureTestTwoSided } from './binomial';
import { compareText, mergeAll } from './merge';
import type { SyncAnnotation } from './types';
import { isVote } from './votes';

/** Below this p-value a share of first choices is called out: an annotator who ignores position gets there 1 time in 100. */
export const POSITION_BIAS_BELOW = 0.01;

/** Judgements of one number of responses shown. */
export interface FirstChoices {
  /** How many responses were shown: 2, 3 or 4; chance picks the first 1 time in `responses`. */
  responses: number;
  /** Judgements that named a best response. */
  choices: number;
  /** Of those, the ones whose best was shown first (A). */
  first: number;
}

export interface PositionBias extends Omit<FirstChoices, 'responses'> {
  annotatorId: string;
  annotatorName: string;
  /** first / choices; null with no choices. */
  firstShare: number | null;
  /** The share chance gives: the mean of 1/k over the choices; null with no choices. */
  chanceShare: number | null;
  /** Exact two-sided test of `first` against chance over all the choices (binomial for one k); null with no choices. */
  pValue: number | null;
  /** The counts by number of responses shown, those with choices only, fewest responses first. */
  byResponses: FirstChoices[];
}

/** The response a judgement names best: a winner, or a ranking's first; null for a tie, both bad or no preference. */
function bestId(judgement: Judgement): string | null {
  const preference = judgement.preference;
  if (preference?.kind === 'better') return preference.id;
  if (preference?.kind === 'ranking') return preference.ids[0] ?? null;
  return null;
}

/** For the annotations of one compare project, in any order and with any old versions; by annotator id. */
export function positionBias(annotations: readonly SyncAnnotation[]): PositionBias[] {
  const counts = new Map<string, { name: string; byResponses: Map<number, FirstChoices> }>();
  for (const a of mergeAll([annotations]).filter(isVote)) {
    const entry = counts.get(a.annotatorId) ?? { name: a.annotatorName, byResponses: new Map<number, FirstChoices>() };
    counts.set(a.annotatorId, entry);
    const judgement = decodeJudgement(a.value[0] as string);
    if (typeof judgement === 'string') continue;
    const k = judgement.shown.length;
    const best = bestId(judgement);
    if (best === null || k < MIN_RESPONSES || k > MAX_RESPONSES) continue;
    const group = entry.byResponses.get(k) ?? { responses: k, choices: 0, first: 0 };
    entry.byResponses.set(k, group);
    group.choices++;
    if (best === judgement.shown[0]) group.first++;
  }
  return [...counts].sort(([x], [y]) => compareText(x, y)).map(([annotatorId, { name, byResponses }]) => {
    const groups = [...byResponses.values()].sort((x, y) => x.responses - y.responses);
    const choices = groups.reduce((sum, g) => sum + g.choices, 0);
    const first = groups.reduce((sum, g) => sum + g.first, 0);
    const chance = groups.reduce((sum, g) => sum + g.choices / g.responses, 0);
    return {
      annotatorId,
      annotatorName: name,
      choices,
      first,
      firstShare: choices === 0 ? null : first / choices,
      chanceShare: choices === 0 ? null : chance / choices,
      pValue: binomialMixtureTestTwoSided(first, groups.map((g) => ({ trials: g.choices, p: 1 / g.responses }))),
      byResponses: groups,
    };
  });
}

/** "2 shown: 7/10 · 3 shown: 2/6": first-shown winners of the judgements with that many responses, for tables. */
export function firstChoicesByResponses(bias: PositionBias): string {
  return bias.byResponses.map((g) => `${g.responses} shown: ${g.first}/${g.choices}`).join(' · ');
}
