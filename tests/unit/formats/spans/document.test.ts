import { describe, expect, it } from 'vitest';
import { codePointLength, codePointToUtf16, FormatProblem, utf16ToCodePoint } from '../../../../src/lib/formats/spans/document';

describe('offsets between Python (code points) and JavaScript (UTF-16 units)', () => {
  const text = 'a😀b東e\u0301🇵🇱';

  it('counts an astral character as two units but one code point', () => {
    expect(text.length).toBe(11);
    expect(codePointLength(text)).toBe(8);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((cp) => codePointToUtf16(text, cp))).toEqual([0, 1, 3, 4, 5, 6, 7, 9, 11]);
  });

  it('converts back and forth at every code point boundary', () => {
    for (let cp = 0; cp <= codePointLength(text); cp++) expect(utf16ToCodePoint(text, codePointToUtf16(text, cp))).toBe(cp);
  });

  it('leaves texts without astral characters alone', () => {
    expect(codePointToUtf16('東京 e\u0301', 4)).toBe(4);
    expect(utf16ToCodePoint('東京 e\u0301', 5)).toBe(5);
  });

  it('refuses an offset past the end or inside a surrogate pair', () => {
    expect(() => codePointToUtf16(text, 9)).toThrow(RangeError);
    expect(() => codePointToUtf16('abc', 4)).toThrow(RangeError);
    expect(() => utf16ToCodePoint(text, 2)).toThrow('UTF-16 offset 2 splits a surrogate pair');
    expect(() => utf16ToCodePoint(text, 12)).toThrow(RangeError);
  });
});

describe('a format problem', () => {
  it('names the file, then the line, then the field', () => {
    const problem = new FormatProblem('tasks.jsonl', 4, 'spans[1].end', 'expected a number ≤ text length 57, found 80');
    expect(problem.message).toBe('tasks.jsonl, line 4, field "spans[1].end": expected a number ≤ text length 57, found 80');
    expect(new FormatProblem('a.conll', null, null, 'is empty').message).toBe('a.conll: is empty');
  });
});
