// Suggestions from the annotator's own earlier spans, like Prodigy's patterns: a phrase labelled before is suggested
// wherever it appears again, so span tasks get help before any model exists. Phrases are compared token by token
// (any run of spaces or line breaks between two tokens counts as one space), always on token boundaries.
import { Coverage } from './coverage';
import { compareSpans, type Span } from './span-value';
import { tokenize, type Token } from './tokens';

export interface DictionaryPhrase {
  /** Lower-cased tokens, the path to the phrase in the phrase tree. */
  folded: string[];
  /** Whether tokens k and k+1 touch (no space between them), so "U.S." does not match "U. S.". */
  touching: boolean[];
}

/**
 * Phrases in a tree of lower-cased tokens, one level per token. Matching walks it along the text from each token, so
 * its cost grows with the text, not with how many phrases share a first word: with 18,000 labelled documents
 * (108,000 spans, 33,000 phrases), a list per first word had a 5,000-word text compared with 815,000 phrases, 40–60
 * ms on the main thread at every pause in labelling.
 */
export interface PhraseNode {
  readonly next: Map<string, PhraseNode>;
  /** The phrases whose tokens end here: they differ only in which of their tokens touch. */
  readonly phrases: DictionaryPhrase[];
}

export function phraseTree(): PhraseNode {
  return { next: new Map(), phrases: [] };
}

export interface SpanDictionary {
  /** Exact phrase key → label. */
  readonly exact: ReadonlyMap<string, string>;
  /** Lower-cased phrase key → label, over all spellings of the phrase. */
  readonly folded: ReadonlyMap<string, string>;
  /** Every phrase ever labelled (one that lost all its labels simply finds none). */
  readonly phrases: PhraseNode;
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

export function addPhrase(tree: PhraseNode, phrase: DictionaryPhrase): void {
  let node = tree;
  for (const token of phrase.folded) {
    let child = node.next.get(token);
    if (child === undefined) {
      child = phraseTree();
      node.next.set(token, child);
    }
    node = child;
  }
  node.phrases.push(phrase);
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

/** Whether the text's tokens from `first` on touch where the phrase's do. */
function touchesAlike(phrase: DictionaryPhrase, tokens: readonly Token[], first: number): boolean {
  for (let k = 0; k < phrase.touching.length; k++) {
    if (phrase.touching[k] !== ((tokens[first + k] as Token).end === (tokens[first + k + 1] as Token).start)) return false;
  }
  return true;
}

function findMatches(dict: SpanDictionary, text: string, tokens: readonly Token[]): Match[] {
  const { words, folded } = textWords(text, tokens);
  const matches: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let node: PhraseNode | undefined = dict.phrases;
    for (let last = i; last < tokens.length; last++) {
      node = node.next.get(folded[last] as string);
      if (node === undefined) break;
      for (const phrase of node.phrases) {
        if (!touchesAlike(phrase, tokens, i)) continue;
        const exactLabel = dict.exact.get(phraseKey(words.slice(i, last + 1), phrase.touching));
        const label = exactLabel ?? dict.folded.get(phraseKey(phrase.folded, phrase.touching));
        if (label !== undefined) matches.push({ start: (tokens[i] as Token).start, end: (tokens[last] as Token).end, label, exact: exactLabel !== undefined });
      }
    }
  }
  return matches;
}

/**
 * Where earlier phrases occur in `text`: exact matches first, then case-insensitive ones, longer before shorter.
 * Suggestions never overlap each other; they never overlap an existing span either, except that with overlaps
 * allowed they may nest in or around one (but never repeat an existing span's range).
 */
export function matchDictionary(dict: SpanDictionary, text: string, tokens: readonly Token[], existing: readonly Span[], allowOverlap: boolean): Span[] {
  if (dict.phrases.next.size === 0) return [];
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
