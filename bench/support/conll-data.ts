// Generated CoNLL-2003 style files (IOB2, `token TAG`, -DOCSTART- between documents), seeded with the app's own
// createRng so every run reads byte-identical files. Words are made of syllables rather than drawn from a corpus:
// what the parser, importer and editor cost depends on token counts, lengths and the tag mix, not on meaning.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng, type Rng } from '../../src/lib/learn/random';

/** CoNLL-2003's own tag set, weighted about as its English training set is (LOC, PER, ORG, then MISC). */
export const CONLL_LABELS = ['PER', 'ORG', 'LOC', 'MISC'] as const;
const LABEL_WEIGHTS = [0.28, 0.27, 0.3, 0.15];

const SYLLABLES = ['ka', 'lo', 'mi', 'tor', 'sen', 'da', 'ri', 'vo', 'nel', 'pa', 'sto', 'me', 'ru', 'bi', 'gan', 'te', 'hu', 'lia'];
const FUNCTION_WORDS = ['the', 'of', 'and', 'in', 'to', 'a', 'was', 'on', 'for', 'with', 'said', 'by', 'at', 'from'];
const PUNCTUATION = [',', ',', '(', ')', '"', "'s", '-'];

export interface ConllFile {
  path: string;
  fileName: string;
  bytes: number;
  documents: number;
  tokens: number;
  spans: number;
}

interface Tagged {
  token: string;
  tag: string;
}

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function pickLabel(rng: Rng): string {
  let r = rng();
  for (let i = 0; i < LABEL_WEIGHTS.length; i++) {
    r -= LABEL_WEIGHTS[i] as number;
    if (r < 0) return CONLL_LABELS[i] as string;
  }
  return CONLL_LABELS[CONLL_LABELS.length - 1] as string;
}

function word(rng: Rng, syllables: number): string {
  let out = '';
  for (let i = 0; i < syllables; i++) out += pick(SYLLABLES, rng);
  return out;
}

/** A lower-case word, a function word or punctuation, in roughly the proportions of news text. */
function plainToken(rng: Rng): string {
  const r = rng();
  if (r < 0.35) return pick(FUNCTION_WORDS, rng);
  if (r < 0.45) return pick(PUNCTUATION, rng);
  if (r < 0.48) return String(Math.floor(rng() * 2000));
  return word(rng, 1 + Math.floor(rng() * 3));
}

function nameToken(rng: Rng): string {
  const w = word(rng, 1 + Math.floor(rng() * 2));
  return w[0]!.toUpperCase() + w.slice(1);
}

function spanTokens(rng: Rng, length: number): Tagged[] {
  const label = pickLabel(rng);
  return Array.from({ length }, (_, i) => ({ token: nameToken(rng), tag: `${i === 0 ? 'B' : 'I'}-${label}` }));
}

function documentLines(sentences: readonly Tagged[][]): string {
  let out = '-DOCSTART- O\n\n';
  for (const sentence of sentences) {
    for (const { token, tag } of sentence) out += `${token} ${tag}\n`;
    out += '\n';
  }
  return out;
}

/**
 * One long document of exactly `words` tokens and `spans` entities, for the span editor. Each entity is one or two
 * tokens and sits alone in a block of words/spans tokens, so entities never touch or cross a sentence end: the
 * editor shows exactly `spans` tags. Sentences run 12–28 tokens and end with a full stop.
 */
export function longDocument(rng: Rng, words: number, spans: number): Tagged[][] {
  const block = Math.floor(words / spans);
  if (block < 5) throw new Error('Too many spans for the words: each needs a block of at least 5 tokens.');
  const tokens: Tagged[] = [];
  // Token index → true when the token is inside an entity (a sentence may not end there).
  const inside: boolean[] = [];
  for (let b = 0; b < spans; b++) {
    const length = rng() < 0.6 ? 1 : 2;
    // One plain token at least on each side, so two entities never merge into one.
    const at = 1 + Math.floor(rng() * (block - length - 1));
    const size = b === spans - 1 ? words - tokens.length : block;
    for (let i = 0; i < size; i++) {
      if (i === at) {
        for (const t of spanTokens(rng, length)) {
          tokens.push(t);
          inside.push(true);
        }
        i += length - 1;
      } else {
        tokens.push({ token: plainToken(rng), tag: 'O' });
        inside.push(false);
      }
    }
  }
  const sentences: Tagged[][] = [];
  let start = 0;
  while (start < tokens.length) {
    let end = Math.min(tokens.length, start + 12 + Math.floor(rng() * 17));
    while (end < tokens.length && inside[end - 1]) end++;
    const sentence = tokens.slice(start, end);
    // The full stop replaces the sentence's last plain token, keeping the token count exact.
    const last = sentence[sentence.length - 1];
    if (last && last.tag === 'O') last.token = '.';
    sentences.push(sentence);
    start = end;
  }
  return sentences;
}

/** A news-like sentence of 8–30 tokens, about one entity token in six; entities of 1–4 tokens. */
function sentence(rng: Rng): Tagged[] {
  const length = 8 + Math.floor(rng() * 23);
  const out: Tagged[] = [];
  while (out.length < length - 1) {
    if (rng() < 0.1 && out[out.length - 1]?.tag === 'O') {
      const r = rng();
      out.push(...spanTokens(rng, r < 0.55 ? 1 : r < 0.85 ? 2 : r < 0.97 ? 3 : 4));
    } else {
      out.push({ token: plainToken(rng), tag: 'O' });
    }
  }
  out.push({ token: '.', tag: 'O' });
  return out;
}

/** Spans a document's tags mark: one per B- tag (the generator always opens an entity with B-). */
function countSpans(sentences: readonly Tagged[][]): number {
  return sentences.reduce((n, s) => n + s.filter((t) => t.tag.startsWith('B-')).length, 0);
}

/** A short warm-up document followed by the long one: the editor's render is timed moving from one to the other. */
export async function writeSpansDocument(dir: string, words: number, spans: number, seed = 5): Promise<ConllFile> {
  const rng = createRng(seed);
  const short = [sentence(rng), sentence(rng)];
  const long = longDocument(rng, words, spans);
  const text = documentLines(short) + documentLines(long);
  const fileName = 'bench-spans.conll';
  const path = join(dir, fileName);
  await writeFile(path, text);
  const tokens = [...short, ...long].reduce((n, s) => n + s.length, 0);
  return { path, fileName, bytes: Buffer.byteLength(text), documents: 2, tokens, spans: countSpans(short) + countSpans(long) };
}

/** Documents of 2–6 sentences until the file reaches `bytes`. */
export async function writeConllFile(dir: string, bytes: number, seed = 2003): Promise<ConllFile> {
  const rng = createRng(seed);
  const parts: string[] = [];
  let size = 0;
  let tokens = 0;
  let spans = 0;
  while (size < bytes) {
    const sentences = Array.from({ length: 2 + Math.floor(rng() * 5) }, () => sentence(rng));
    const text = documentLines(sentences);
    parts.push(text);
    size += Buffer.byteLength(text);
    tokens += sentences.reduce((n, s) => n + s.length, 0);
    spans += countSpans(sentences);
  }
  const fileName = 'bench-import.conll';
  const path = join(dir, fileName);
  await writeFile(path, parts.join(''));
  return { path, fileName, bytes: size, documents: parts.length, tokens, spans };
}
