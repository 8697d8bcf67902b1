// Suggestions from the annotator's own earlier spans, like Prodigy's patterns: a phrase labelled before is suggested
// wherever it appears again, so span tasks get help before any model exists. Phrases are compared token by token
// (any run of spaces or line breaks between two tokens counts as one space), always on token boundaries.
import { Coverage } from './coverage';
import { compareSpans, type Span } from './span-value';
import { tokenize, type Token } from './tokens';

export interface DictionaryPhrase {
  /** Lower-cased tokens; the first one is the index key. */
  folded: string[];
  /** Whether tokens k and k+1 touch (no space between them), so "U.S." does not match "U. S.". */
  touching: boolean[];
}

export interface SpanDictionary {
  /** Exact phrase key → label. */
  readonly exact: ReadonlyMap<string, string>;
  /** Lower-cased phrase key → label, over all spellings of the phrase. */
  readonly folded: ReadonlyMap<string, string>;
  /** Lower-cased first token → phrases starting with it, longest first. */
  readonly byFirstToken: ReadonlyMap<string, readonly DictionaryPhrase[]>;
}

export interface DictionaryEntry {
  text: string;
  spans: readonly Span[];
}

function tokenTexts(text: string, tokens: readonly Token[]): string[] {
  return tokens.map((t) => text.slice(t.start, t.end));
}

function touchingPairs(tokens: readonly Token[], from: number, count: number): boolean[] {
  const touching: boolean[] = [];
  for (let k = from; k < from + count - 1; k++) touching.push((tokens[k] as Token).end === (tokens[k + 1] as Token).start);
  return touching;
}

function phraseKey(words: readonly string[], touching: readonly boolean[]): string {
  return words.reduce((key, word, k) => (k === 0 ? word : key + (touching[k - 1] ? '' : ' ') + word), '');
}

/** A span's phrase in `text`: its key as written and lower-cased, and how it is matched; null over no token. */
export function spanPhrase(text: string, span: Span): { exactKey: string; foldedKey: string; phrase: DictionaryPhrase } | null {
  const phraseText = text.slice(span.start, span.end);
  const tokens = tokenize(phraseText);
  if (tokens.length === 0) return null;
  const words = tokenTexts(phraseText, tokens);
  const touching = touchingPairs(tokens, 0, tokens.length);
  const folded = words.map((w) => w.toLowerCase());
  return { exactKey: phraseKey(words, touching), foldedKey: phraseKey(folded, touching), phrase: { folded, touching } };
}

/** Phrases by their first lower-cased token, longest first (the order findMatches tries them in). */
export function addPhrase(byFirstToken: Map<string, DictionaryPhrase[]>, phrase: DictionaryPhrase): void {
  const first = phrase.folded[0] as string;
  const list = byFirstToken.get(first) ?? [];
  byFirstToken.set(first, list);
  const at = list.findIndex((other) => other.folded.length < phrase.folded.length);
  if (at === -1) list.push(phrase);
  else list.splice(at, 0, phrase);
}

interface Match extends Span {
  exact: boolean;
}

/** A text's words as written and lower-cased, kept per token list: a task is matched again after every edit. */
const wordsOfTokens = new WeakMap<readonly Token[], { words: string[]; folded: string[] }>();

function textWords(text: string, tokens: readonly Token[]): { words: string[]; folded: string[] } {
  let known = wordsOfTokens.get(tokens);
  if (!known) {
    const words = tokenTexts(text, tokens);
    known = { words, folded: words.map((w) => w.toLowerCase()) };
    wordsOfTokens.set(tokens, known);
  }
  return known;
}

function findMatches(dict: SpanDictionary, text: string, tokens: readonly Token[]): Match[] {
  const { words, folded } = textWords(text, tokens);
  const matches: Match[] = [];
  folded.forEach((first, i) => {
    for (const phrase of dict.byFirstToken.get(first) ?? []) {
      const n = phrase.folded.length;
      if (i + n > tokens.length) continue;
      let same = true;
      for (let k = 1; k < n && same; k++) {
        same = folded[i + k] === phrase.folded[k] && phrase.touching[k - 1] === ((tokens[i + k - 1] as Token).end === (tokens[i + k] as Token).start);
      }
      if (!same) continue;
      const start = (tokens[i] as Token).start;
      const end = (tokens[i + n - 1] as Token).end;
      const exactLabel = dict.exact.get(phraseKey(words.slice(i, i + n), phrase.touching));
      const label = exactLabel ?? dict.folded.get(phraseKey(phrase.folded, phrase.touching));
      if (label !== undefined) matches.push({ start, end, label, exact: exactLabel !== undefined });
    }
  });
  return matches;
}

/**
 * Where earlier phrases occur in `text`: exact matches first, then case-insensitive ones, longer before shorter.
 * Suggestions never overlap each other; they never overlap an existing span either, except that with overlaps
 * allowed they may nest in or around one (but never repeat an existing span's range).
 */
export function matchDictionary(dict: SpanDictionary, text: string, tokens: readonly Token[], existing: readonly Span[], allowOverlap: boolean): Span[] {
  if (dict.byFirstToken.size === 0) return [];
  const matches = findMatches(dict, text, tokens);
  matches.sort((a, b) => Number(b.exact) - Number(a.exact) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const labelled = new Set(existing.map((s) => `${s.start}:${s.end}`));
  const blocked = new Coverage(text.length);
  const suggested = new Coverage(text.length);
  if (!allowOverlap) for (const span of existing) blocked.add(span);
  const result: Span[] = [];
  for (const match of matches) {
    if (labelled.has(`${match.start}:${match.end}`) || blocked.overlaps(match) || suggested.overlaps(match)) continue;
    suggested.add(match);
    result.push({ start: match.start, end: match.end, label: match.label });
  }
  return result.sort(compareSpans);
}
