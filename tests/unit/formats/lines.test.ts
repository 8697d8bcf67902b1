import { describe, expect, it } from 'vitest';
import { countLineBreaks, createLineSplitter, isBlankLine } from '../../../src/lib/formats/lines';

function split(pieces: string[]) {
  const splitter = createLineSplitter();
  return [...pieces.flatMap((piece) => splitter.push(piece)), ...splitter.end()];
}

describe('splitting text into numbered lines', () => {
  it('ends a line at "\\n", "\\r\\n" and a lone "\\r", and keeps a last line without a line ending', () => {
    expect(split(['a\nb\r\nc\rd\n\ne'])).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: 'c', line: 3 },
      { text: 'd', line: 4 },
      { text: '', line: 5 },
      { text: 'e', line: 6 },
    ]);
  });

  it('reads a "\\r\\n" cut between two chunks as one line ending', () => {
    expect(split(['a\r', '\nb\r', '', '\n', 'c'])).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: 'c', line: 3 },
    ]);
  });

  it('gives nothing more at the end when the file ends with a line ending', () => {
    expect(split(['a\n', 'b\r\n'])).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
    ]);
  });

  it('joins a line of several megabytes that arrives in many chunks', () => {
    const long = 'x'.repeat(3_000_000);
    const pieces = [...Array(30).keys()].map((i) => long.slice(i * 100_000, (i + 1) * 100_000));
    const lines = split(['first\n', ...pieces, '\nlast']);
    expect(lines.map((l) => [l.line, l.text.length])).toEqual([
      [1, 5],
      [2, 3_000_000],
      [3, 4],
    ]);
    expect(lines[1]!.text).toBe(long);
  });
});

describe('counting line breaks by the same rule', () => {
  it('counts "\\r\\n" once, at its "\\r"', () => {
    expect(countLineBreaks('a\r\nb\rc\nd')).toBe(3);
    expect(countLineBreaks('a\r\nb', 0, 2)).toBe(1);
    expect(countLineBreaks('a\r\nb', 2)).toBe(0);
  });

  it('calls a line of spaces and tabs blank', () => {
    expect([isBlankLine(''), isBlankLine(' \t '), isBlankLine(' x ')]).toEqual([true, true, false]);
  });
});
