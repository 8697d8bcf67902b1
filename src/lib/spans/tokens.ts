// The units a span editor selects: spans snap to these, so an annotator never labels half a word. Offsets are UTF-16
// indices into the text (end exclusive), the same units as stored spans.

export interface Token {
  start: number;
  end: number;
}

// Han ideographs are one token each: Chinese and Japanese write no spaces, and a per-character token is always a
// valid boundary, where a dictionary segmenter would depend on the browser's ICU version. Thai, Lao, Khmer and
// Myanmar write no spaces between words either: each letter with its marks is a token, so a name inside a sentence
// can be selected (a run of them as one token could only be labelled whole).
const UNSPACED = String.raw`[\p{sc=Han}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]`;
const LETTER = String.raw`(?:(?!${UNSPACED})[\p{L}\p{N}\p{M}])`;
// Apostrophes, hyphens and underscores join letters (don't, well-known, snake_case); . , : / join digits
// (3.14, 1,000, 12:30, 1/2), so amounts and times are one token.
const JOINER = String.raw`(?:['’\u2010\u2011_-]|(?<=\p{N})[.,:/](?=\p{N}))`;
const WORD = String.raw`${LETTER}+(?:${JOINER}${LETTER}+)*`;
// A Khmer coeng or Myanmar virama stacks the next consonant under this one: the pair is one written cluster.
const UNSPACED_CHAR = String.raw`${UNSPACED}(?:[\u17D2\u1039]${UNSPACED}|\p{M})*`;
const FLAG = String.raw`\p{RI}\p{RI}`;
// Everything else is one visible character with what extends it: combining marks, variation selectors, skin tones,
// flag tags and zero-width-joined emoji, so 👩🏽‍💻 or ❤️ is never split. Zero-width spaces and joiners on their own
// are invisible, so they never make a token.
const OTHER = String.raw`(?![\u200B-\u200D\u2060])\S(?:[\p{M}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]|\u200D\S)*`;
const TOKEN = new RegExp(`${WORD}|${UNSPACED_CHAR}|${FLAG}|${OTHER}`, 'gu');

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // exec on the shared expression, not matchAll: matchAll clones it per call, which dominates on short phrases.
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    tokens.push({ start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Index of the first token for which `after` holds (tokens.length when none does); `after` must be monotonic. */
function search(tokens: readonly Token[], after: (token: Token) => boolean): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(tokens[mid] as Token)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the token containing `offset`, or -1 when it falls in the space between tokens or outside the text. */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  const index = search(tokens, (token) => token.end > offset);
  const token = tokens[index];
  return token !== undefined && token.start <= offset ? index : -1;
}

/**
 * The first and last index of the tokens that a character range touches; null when it touches none (only spaces).
 * An empty range touches the token containing it.
 */
export function tokenRange(tokens: readonly Token[], start: number, end: number): { first: number; last: number } | null {
  const stop = Math.max(end, start + 1);
  const first = search(tokens, (token) => token.end > start);
  const last = search(tokens, (token) => token.start >= stop) - 1;
  return first <= last ? { first, last } : null;
}

/** Expands a character range to whole tokens; null when the range holds nothing but spaces. */
export function snapToTokens(tokens: readonly Token[], start: number, end: number): Token | null {
  const range = tokenRange(tokens, start, end);
  if (range === null) return null;
  return { start: (tokens[range.first] as Token).start, end: (tokens[range.last] as Token).end };
}
