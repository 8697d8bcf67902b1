// A judgement while the annotator makes it: the rubric's questions, answered one by one, checked for what is still
// missing before it is stored as one Judgement (domain/compare.ts).
import type { Judgement, Preference, RatingItem, Rubric } from '../../../domain/compare';

export interface JudgementDraft {
  preference: Preference | null;
  /** Ranking in progress (3–4 responses): the ids chosen so far, best first. */
  ranked: readonly string[];
  ratings: Readonly<Record<string, number>>;
  /** The corrected text of one response; null while nothing is corrected. */
  correction: { id: string; text: string } | null;
  rationale: string;
}

export const EMPTY_DRAFT: JudgementDraft = { preference: null, ranked: [], ratings: {}, correction: null, rationale: '' };

/** With more than two responses the preference question is a ranking. */
export function ranks(shownIds: readonly string[]): boolean {
  return shownIds.length > 2;
}

/** A stored judgement back on screen, to look at or change. */
export function draftOf(judgement: Judgement): JudgementDraft {
  const ranked = judgement.preference?.kind === 'ranking' ? judgement.preference.ids : [];
  return { preference: judgement.preference, ranked, ratings: judgement.ratings, correction: judgement.correction, rationale: judgement.rationale };
}

export function judgementOf(draft: JudgementDraft, shownIds: readonly string[]): Judgement {
  return { shown: [...shownIds], preference: draft.preference, ratings: { ...draft.ratings }, correction: draft.correction, rationale: draft.rationale.trim() };
}

/** The shown response at `position` is preferred (two responses), or is the next in the ranking (more). */
export function prefer(draft: JudgementDraft, shownIds: readonly string[], position: number): JudgementDraft {
  const id = shownIds[position];
  if (id === undefined) return draft;
  if (!ranks(shownIds)) return { ...draft, preference: { kind: 'better', id } };
  // A full ranking starts over; a response already ranked keeps its place.
  const start = draft.ranked.length === shownIds.length ? [] : draft.ranked;
  if (start.includes(id)) return draft;
  let ranked = [...start, id];
  // The last one left has only one place to go.
  if (ranked.length === shownIds.length - 1) ranked = [...ranked, ...shownIds.filter((other) => !ranked.includes(other))];
  const preference: Preference | null = ranked.length === shownIds.length ? { kind: 'ranking', ids: ranked } : null;
  return { ...draft, ranked, preference };
}

/** Tie or both bad: only a choice between two responses has them. */
export function preferNeither(draft: JudgementDraft, shownIds: readonly string[], kind: 'tie' | 'both-bad'): JudgementDraft {
  return ranks(shownIds) ? draft : { ...draft, preference: { kind } };
}

export function rate(draft: JudgementDraft, item: RatingItem, value: number): JudgementDraft {
  if (!Number.isInteger(value) || value < 1 || value > item.scale) return draft;
  return { ...draft, ratings: { ...draft.ratings, [item.name]: value } };
}

/** What the number keys answer now: the preference until it is given, then each rating item not yet rated, in turn. */
export type NumberKeysAnswer = { kind: 'preference' } | { kind: 'rating'; item: RatingItem } | { kind: 'nothing' };

export function numberKeysAnswer(draft: JudgementDraft, rubric: Rubric): NumberKeysAnswer {
  if (rubric.preference && draft.preference === null) return { kind: 'preference' };
  const item = rubric.ratings.find((candidate) => draft.ratings[candidate.name] === undefined);
  return item ? { kind: 'rating', item } : { kind: 'nothing' };
}

/** What the rubric still requires before the draft can be stored, said to the annotator; null when nothing. */
export function missingAnswer(draft: JudgementDraft, rubric: Rubric, shownIds: readonly string[]): string | null {
  if (rubric.preference && draft.preference === null) {
    return ranks(shownIds) ? 'Rank the responses, best first (keys 1–4 or the letters).' : 'Choose which response is better, a tie, or both bad.';
  }
  const unrated = rubric.ratings.find((item) => item.required && draft.ratings[item.name] === undefined);
  if (unrated) return `Rate “${unrated.name}” (1–${unrated.scale}).`;
  if (!rubric.preference && rubric.ratings.length > 0 && Object.keys(draft.ratings).length === 0) return 'Rate at least one item.';
  return null;
}

/** Only the preference is asked: a tap on one stores the judgement at once (touch). */
export function asksOnlyPreference(rubric: Rubric): boolean {
  return rubric.preference && rubric.ratings.length === 0 && !rubric.correction && !rubric.rationale;
}

/** The response a correction edits: the preferred one, else the first shown. */
export function correctionTarget(draft: JudgementDraft, shownIds: readonly string[]): string | null {
  const preference = draft.preference;
  if (preference?.kind === 'better') return preference.id;
  if (preference?.kind === 'ranking') return preference.ids[0] ?? null;
  return shownIds[0] ?? null;
}

/** Keeps the correction only while it changes the response's text. */
export function correct(draft: JudgementDraft, id: string, text: string, original: string): JudgementDraft {
  return { ...draft, correction: text === original ? null : { id, text } };
}
