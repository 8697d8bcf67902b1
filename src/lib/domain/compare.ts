// The "Compare responses" task type's words: what a task holds (a prompt or a conversation, and 2–4 model
// responses), what a project asks about them (its rubric) and what an annotator answers (a judgement).
//
// An annotation's value is a list of strings everywhere (rows, label files, merge, bundles), so a judgement is
// stored as one string: its canonical JSON (encodeJudgement). Merge, label files and bundles then carry it
// unchanged, and two equal judgements are always the same string.

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ModelResponse {
  /** Stable within its task: the file's id for it, else "a", "b", … in file order. */
  id: string;
  text: string;
  /** Which model wrote it, when the file says. */
  model?: string;
}

/** What a compare task holds beside its `text` (the prompt as one string, for search, features and exports). */
export interface CompareContent {
  /** The conversation before the responses; a plain prompt is one user message. */
  messages: ChatMessage[];
  /** 2 to 4 responses, in file order. */
  responses: ModelResponse[];
}

export const MIN_RESPONSES = 2;
export const MAX_RESPONSES = 4;

export interface RatingItem {
  /** Its name, shown as the rating group's accessible name; unique in the rubric. */
  name: string;
  /** Highest value; values run 1..scale. */
  scale: number;
  /** What each value means, index 0 for value 1. */
  descriptions: string[];
  required: boolean;
}

/** What a compare project asks of each task (as Argilla's questions and LangSmith's rubrics do). */
export interface Rubric {
  /** With 3–4 responses the preference is a ranking. */
  preference: boolean;
  ratings: RatingItem[];
  /** The annotator may edit the chosen response into what it should have said. */
  correction: boolean;
  /** A free-text rationale field. */
  rationale: boolean;
  /** Share of tasks (0..1, seeded per annotator and task) whose suggestion is hidden, to measure anchoring. */
  hiddenSuggestionShare: number;
}

export const DEFAULT_RUBRIC: Rubric = { preference: true, ratings: [], correction: false, rationale: false, hiddenSuggestionShare: 0.1 };

/**
 * The most a project may hide, as its setting: beyond half, most annotators would judge without the model they are
 * meant to be helped by. Files and bundles may say up to 1 (version 3 allowed it); only the setting keeps to this.
 */
export const MAX_HIDDEN_SUGGESTION_SHARE = 0.5;

/** Why `share` cannot be a project's hidden share (0 to 50 %), or null. */
export function hiddenShareProblem(share: number): string | null {
  return Number.isFinite(share) && share >= 0 && share <= MAX_HIDDEN_SUGGESTION_SHARE ? null : `The hidden share is a percentage from 0 to ${MAX_HIDDEN_SUGGESTION_SHARE * 100} %.`;
}

/** better: one response wins; tie: as good as each other; both-bad: neither is acceptable; ranking: best first. */
export type Preference =
  | { kind: 'better'; id: string }
  | { kind: 'tie' }
  | { kind: 'both-bad' }
  | { kind: 'ranking'; ids: string[] };

export interface Judgement {
  /** The response ids in the order they were shown (A first): position bias is measured from it. */
  shown: string[];
  preference: Preference | null;
  /** Rubric item name → value 1..scale. */
  ratings: Record<string, number>;
  correction: { id: string; text: string } | null;
  rationale: string;
}

/** The one string a judgement is stored as: keys in a fixed order (JSON keeps insertion order), ratings by name. */
export function encodeJudgement(judgement: Judgement): string {
  const ratings = Object.fromEntries(Object.entries(judgement.ratings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const preference = judgement.preference === null ? null : canonicalPreference(judgement.preference);
  const correction = judgement.correction === null ? null : { id: judgement.correction.id, text: judgement.correction.text };
  return JSON.stringify({ shown: judgement.shown, preference, ratings, correction, rationale: judgement.rationale });
}

function canonicalPreference(preference: Preference): Preference {
  switch (preference.kind) {
    case 'better':
      return { kind: 'better', id: preference.id };
    case 'ranking':
      return { kind: 'ranking', ids: preference.ids };
    default:
      return { kind: preference.kind };
  }
}

/** A judgement read back, or why the string is not one (for a file's error message). */
export function decodeJudgement(value: string): Judgement | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'is not a judgement (JSON with "shown", "preference", "ratings", "correction", "rationale")';
  }
  if (!isRecord(parsed)) return 'is not a judgement object';
  const { shown, preference, ratings, correction, rationale } = parsed;
  if (!Array.isArray(shown) || !shown.every((id) => typeof id === 'string') || new Set(shown).size !== shown.length) {
    return '"shown" must list the response ids in the order shown, each once';
  }
  const preferenceProblem = preference === null ? null : checkPreference(preference, shown);
  if (preferenceProblem) return preferenceProblem;
  if (!isRecord(ratings) || !Object.values(ratings).every((n) => Number.isInteger(n) && (n as number) >= 1)) {
    return '"ratings" must map rubric item names to whole numbers from 1';
  }
  if (correction !== null && !(isRecord(correction) && typeof correction.id === 'string' && shown.includes(correction.id) && typeof correction.text === 'string')) {
    return '"correction" must be null or { "id": a shown response, "text": its corrected text }';
  }
  if (typeof rationale !== 'string') return '"rationale" must be a string';
  return {
    shown: shown as string[],
    preference: preference as Preference | null,
    ratings: ratings as Record<string, number>,
    correction: correction as Judgement['correction'],
    rationale,
  };
}

function checkPreference(preference: unknown, shown: readonly string[]): string | null {
  if (!isRecord(preference)) return '"preference" must be null or an object with a "kind"';
  switch (preference.kind) {
    case 'better':
      return typeof preference.id === 'string' && shown.includes(preference.id) ? null : '"preference.id" must be one of the shown responses';
    case 'tie':
    case 'both-bad':
      return null;
    case 'ranking': {
      const ids = preference.ids;
      const complete = Array.isArray(ids) && ids.length === shown.length && shown.every((id) => ids.includes(id));
      return complete ? null : '"preference.ids" must rank every shown response once';
    }
    default:
      return '"preference.kind" must be "better", "tie", "both-bad" or "ranking"';
  }
}

/** Whether `value` (an annotation's stored list) is one judgement; the problem otherwise. */
export function judgementValueProblem(value: readonly string[], rubric: Rubric, responseIds: readonly string[] | undefined): string | null {
  if (value.length !== 1) return `holds ${value.length} values, but a compare judgement is one`;
  const judgement = decodeJudgement(value[0] as string);
  if (typeof judgement === 'string') return judgement;
  if (responseIds !== undefined && !judgement.shown.every((id) => responseIds.includes(id))) {
    return `shows responses ${JSON.stringify(judgement.shown)}, but its task has ${JSON.stringify(responseIds)}`;
  }
  for (const [name, n] of Object.entries(judgement.ratings)) {
    const item = rubric.ratings.find((candidate) => candidate.name === name);
    if (!item) return `rates ${JSON.stringify(name)}, which is not an item of this project's rubric`;
    if (n > item.scale) return `rates ${JSON.stringify(name)} ${n}, above its scale of ${item.scale}`;
  }
  return null;
}

/** The response preferred over every other, if the judgement names one (a win, or the top of a ranking). */
export function preferredId(judgement: Judgement): string | null {
  const preference = judgement.preference;
  if (preference?.kind === 'better') return preference.id;
  if (preference?.kind === 'ranking') return preference.ids[0] ?? null;
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
