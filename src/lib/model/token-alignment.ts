// Where each token of a text came from, as UTF-16 offsets into the original text. Transformers.js 2.x tokenizers
// give no offset mapping, so the text is normalised here one code point at a time with the tokenizer's own
// normaliser (lower-casing, accent stripping, CJK spacing, control-character removal), remembering which original
// characters every normalised one came from, and the tokens are then found in that normalised text in order.
// Pure: runs in the worker and in Node.

export interface TokenizerRules {
  /** The tokenizer's normaliser, applied to a single code point ('' when it removes it). */
  normalize: (codePoint: string) => string;
  /** WordPiece's "##": a piece with it continues the word before it. */
  continuingPrefix: string | null;
  /** SentencePiece's "▁": a piece with it starts a word. */
  wordStartMarker: string | null;
  /** The token a whole unknown word becomes ("[UNK]"). */
  unkToken: string | null;
}

export interface TokenOffsets {
  start: number;
  end: number;
}

interface NormalizedText {
  text: string;
  /** Per UTF-16 unit of `text`: the original range it came from. */
  starts: Int32Array;
  ends: Int32Array;
}

// BERT's pre-tokenizer splits on whitespace and on these (Unicode punctuation plus every ASCII symbol); an unknown
// word is one run between them, or one such character.
const WORD_BREAK = /[\s\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/u;
const SPACE = /\s/;
/** How far ahead a piece that does not match in place is looked for before it is left unaligned. */
const RESYNC_WINDOW = 64;

function normalizeText(text: string, normalize: (codePoint: string) => string): NormalizedText {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length; ) {
    const codePoint = String.fromCodePoint(text.codePointAt(i) as number);
    const end = i + codePoint.length;
    const normalized = normalize(codePoint);
    if (normalized === '') {
      // A removed combining mark or joiner belongs to the character before it, so a span over "é" written as
      // e + U+0301 covers both.
      const last = out.length - 1;
      if (last >= 0 && ends[last] === i && !SPACE.test(out[last] as string)) {
        for (let k = last; k >= 0 && ends[k] === i; k--) ends[k] = end;
      }
    }
    for (let k = 0; k < normalized.length; k++) {
      starts.push(i);
      ends.push(end);
    }
    out += normalized;
    i = end;
  }
  return { text: out, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Case and the context-dependent final sigma are the only ways a per-character normalisation can differ. */
function fold(unit: string): string {
  const lower = unit.toLowerCase();
  return lower === 'ς' ? 'σ' : lower;
}

function matchesAt(text: string, at: number, piece: string): boolean {
  if (at + piece.length > text.length) return false;
  for (let k = 0; k < piece.length; k++) if (fold(text[at + k] as string) !== fold(piece[k] as string)) return false;
  return true;
}

/** The characters of a token as they appear in the normalised text. */
function pieceText(token: string, rules: TokenizerRules): string {
  const { continuingPrefix: prefix, wordStartMarker: marker } = rules;
  if (prefix && token.startsWith(prefix) && token.length > prefix.length) return token.slice(prefix.length);
  if (marker) return token.replaceAll(marker, ' ').trim();
  return token;
}

/** End (exclusive) of the unknown word starting at `at`: one break character, or a run up to the next one. */
function unknownWordEnd(text: string, at: number): number {
  if (WORD_BREAK.test(text[at] as string)) return at + 1;
  let end = at;
  while (end < text.length && !WORD_BREAK.test(text[end] as string)) end++;
  return end;
}

/**
 * The original offsets of every token (in order, special tokens excluded), or null for a token that could not be
 * placed; the tokens after it are still aligned.
 */
export function alignTokens(text: string, tokens: readonly string[], rules: TokenizerRules): (TokenOffsets | null)[] {
  const normalized = normalizeText(text, rules.normalize);
  const n = normalized.text;
  let cursor = 0;
  const offsetsOf = (from: number, to: number): TokenOffsets => {
    cursor = to;
    return { start: normalized.starts[from] as number, end: normalized.ends[to - 1] as number };
  };
  return tokens.map((token) => {
    while (cursor < n.length && SPACE.test(n[cursor] as string)) cursor++;
    if (cursor >= n.length) return null;
    const piece = pieceText(token, rules);
    if (piece === '') return null;
    // The literal text first: "[UNK]" typed in a text is the token, not an unknown word.
    if (matchesAt(n, cursor, piece)) return offsetsOf(cursor, cursor + piece.length);
    if (token === rules.unkToken) return offsetsOf(cursor, unknownWordEnd(n, cursor));
    for (let at = cursor + 1; at < Math.min(n.length, cursor + RESYNC_WINDOW); at++) {
      if (matchesAt(n, at, piece)) return offsetsOf(at, at + piece.length);
    }
    return null;
  });
}

/** Whether a token begins a new word (false for a WordPiece continuation or a piece glued to the one before). */
export function startsWord(token: string, offsets: TokenOffsets | null, previous: TokenOffsets | null, rules: TokenizerRules): boolean {
  if (rules.continuingPrefix) return !(token.startsWith(rules.continuingPrefix) && token.length > rules.continuingPrefix.length);
  if (rules.wordStartMarker) return token.startsWith(rules.wordStartMarker);
  return offsets === null || previous === null || offsets.start !== previous.end;
}
