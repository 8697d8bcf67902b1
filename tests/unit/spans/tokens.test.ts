import { describe, expect, it } from 'vitest';
import { snapToTokens, tokenAt, tokenize, tokenRange } from '../../../src/lib/spans/tokens';

function words(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end));
}

describe('tokenize', () => {
  it('keeps words whole, apostrophes and hyphens inside them, and makes each other mark its own token', () => {
    expect(words("Don't stop, well-known O’Brien (snake_case)!")).toEqual([
      "Don't", 'stop', ',', 'well-known', 'O’Brien', '(', 'snake_case', ')', '!',
    ]);
  });

  it('keeps numbers with decimal points, thousands, times and fractions whole, but not a sentence-final dot', () => {
    expect(words('Pay $3.14 or 1,000 at 12:30, 1/2 off. Then 5.')).toEqual([
      'Pay', '$', '3.14', 'or', '1,000', 'at', '12:30', ',', '1/2', 'off', '.', 'Then', '5', '.',
    ]);
  });

  it('keeps combining marks with their letter, decomposed or not', () => {
    const text = 'Cafe\u0301 na\u0308ive ñ';
    expect(words(text)).toEqual(['Cafe\u0301', 'na\u0308ive', 'ñ']);
    expect(tokenize(text)[0]).toEqual({ start: 0, end: 5 });
  });

  it('never splits a surrogate pair, an emoji sequence or a flag, and counts UTF-16 units', () => {
    const text = '𝒳𝒴 👩🏽‍💻 ❤️ 🇩🇪 #️⃣ 👍🏽!';
    expect(words(text)).toEqual(['𝒳𝒴', '👩🏽‍💻', '❤️', '🇩🇪', '#️⃣', '👍🏽', '!']);
    expect(tokenize(text)[0]).toEqual({ start: 0, end: 4 });
    expect(tokenize(text)[1]).toEqual({ start: 5, end: 12 });
  });

  it('gives one token per Han ideograph and keeps kana words whole', () => {
    expect(words('北京大学は、すごい。')).toEqual(['北', '京', '大', '学', 'は', '、', 'すごい', '。']);
  });

  it('gives Thai, Lao, Khmer and Myanmar one token per letter with its marks, so a word inside a run can be marked', () => {
    expect(words('ไปกรุงเทพ ok')).toEqual(['ไ', 'ป', 'ก', 'รุ', 'ง', 'เ', 'ท', 'พ', 'ok']);
    // A coeng stacks the next consonant: ភ្ន is one cluster.
    expect(words('ភ្នំពេញ')).toEqual(['ភ្នំ', 'ពេ', 'ញ']);
    expect(words('မန္တလေး')).toEqual(['မ', 'န္တ', 'လေး']);
    expect(words('ວຽງຈັນ')).toEqual(['ວ', 'ຽ', 'ງ', 'ຈັ', 'ນ']);
  });

  it('makes no token of spaces, line breaks or zero-width characters', () => {
    expect(tokenize('  \n\t\u00a0\u200b ')).toEqual([]);
    expect(words('a\u200bb\u3000c')).toEqual(['a', 'b', 'c']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('tokenAt, tokenRange and snapToTokens', () => {
  const text = 'New York, 2024 ';
  const tokens = tokenize(text); // New | York | , | 2024

  it('finds the token containing an offset, and none between tokens or past the end', () => {
    expect(tokenAt(tokens, 0)).toBe(0);
    expect(tokenAt(tokens, 2)).toBe(0);
    expect(tokenAt(tokens, 3)).toBe(-1);
    expect(tokenAt(tokens, 4)).toBe(1);
    expect(tokenAt(tokens, 8)).toBe(2);
    expect(tokenAt(tokens, 13)).toBe(3);
    expect(tokenAt(tokens, 14)).toBe(-1);
    expect(tokenAt(tokens, 99)).toBe(-1);
    expect(tokenAt([], 0)).toBe(-1);
  });

  it('expands a range that cuts words to the whole words', () => {
    expect(snapToTokens(tokens, 1, 6)).toEqual({ start: 0, end: 8 });
    expect(snapToTokens(tokens, 5, 5)).toEqual({ start: 4, end: 8 });
    expect(snapToTokens(tokens, 3, 4)).toBeNull();
    expect(snapToTokens(tokens, 3, 5)).toEqual({ start: 4, end: 8 });
    expect(snapToTokens(tokens, 8, 15)).toEqual({ start: 8, end: 14 });
    expect(tokenRange(tokens, 0, 15)).toEqual({ first: 0, last: 3 });
    expect(tokenRange(tokens, 14, 15)).toBeNull();
  });

  it('snaps inside an emoji or a decomposed letter to the whole of it', () => {
    const emojiText = 'hi 👩🏽‍💻 ok';
    expect(snapToTokens(tokenize(emojiText), 4, 5)).toEqual({ start: 3, end: 10 });
    const marks = 'Cafe\u0301 x';
    expect(snapToTokens(tokenize(marks), 4, 5)).toEqual({ start: 0, end: 5 });
  });

  it('searches 100,000 tokens quickly', () => {
    const big = tokenize('word '.repeat(100_000));
    expect(big).toHaveLength(100_000);
    expect(tokenAt(big, 5 * 77_777 + 2)).toBe(77_777);
    expect(tokenRange(big, 5 * 10 + 1, 5 * 20 + 1)).toEqual({ first: 10, last: 20 });
  });
});
