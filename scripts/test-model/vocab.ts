// Builds the WordPiece vocabulary for a preset deterministically from the fixed word list.
import { SUFFIXES, WORDS } from './words';

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const DIGITS = '0123456789'.split('');
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split('');
const CONSONANTS = 'bcdfghjklmnprstvwz'.split('');
const VOWELS = 'aeiou'.split('');

const SYLLABLES = CONSONANTS.flatMap((c) => VOWELS.map((v) => c + v));

/** The n-th made-up word in bijective base-90 over consonant-vowel syllables: ba, be, …, zu, baba, babe, … */
function syllableWord(n: number): string {
  let word = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / SYLLABLES.length)) {
    word = (SYLLABLES[(k - 1) % SYLLABLES.length] as string) + word;
  }
  return word;
}

/**
 * tiny: specials, punctuation, single characters, common words, `extraWords`, suffixes and all two-letter `##xx`
 * pieces (~1.2k tokens, so any lowercase word still tokenises without [UNK]).
 * minilm: the same, then three-letter `##xyz` pieces and made-up syllable words up to BERT's 30,522 tokens,
 * so the embedding table has a realistic size.
 */
export function buildVocab(targetSize?: number, extraWords: readonly string[] = []): string[] {
  const tokens = new Set<string>(SPECIAL_TOKENS);
  const add = (token: string): void => {
    if (targetSize === undefined || tokens.size < targetSize) tokens.add(token);
  };
  for (const token of [...PUNCTUATION, ...LETTERS, ...DIGITS]) add(token);
  for (const token of [...LETTERS, ...DIGITS]) add(`##${token}`);
  for (const word of [...WORDS, ...extraWords]) add(word);
  for (const suffix of SUFFIXES) add(`##${suffix}`);
  for (const a of LETTERS) for (const b of LETTERS) add(`##${a}${b}`);
  if (targetSize === undefined) return [...tokens];

  for (const a of LETTERS) for (const b of LETTERS) for (const c of LETTERS) add(`##${a}${b}${c}`);
  for (let n = 0; tokens.size < targetSize; n++) add(syllableWord(n));
  return [...tokens];
}
