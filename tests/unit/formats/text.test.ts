import { describe, expect, it } from 'vitest';
import { createTextStream } from '../../../src/lib/formats/text';
import { formatErrorOf, parseInPieces, readFixture } from './read-file';

describe('importing plain text, one task per line', () => {
  it('keeps each line as written, skips blank lines and numbers the rest as in an editor', () => {
    expect(readFixture('lines.txt')).toEqual({
      format: 'text',
      items: [
        { kind: 'record', line: 1, fields: { text: 'The service was quick and friendly.' } },
        { kind: 'record', line: 2, fields: { text: '  Indented line keeps its spaces  ' } },
        { kind: 'record', line: 5, fields: { text: 'Last line, no newline' } },
      ],
    });
  });

  it('reads Windows, old Mac and Unix line endings in one file', () => {
    expect(readFixture('mixed-endings.txt')).toEqual({
      format: 'text',
      items: [
        { kind: 'record', line: 1, fields: { text: 'first' } },
        { kind: 'record', line: 2, fields: { text: 'second' } },
        { kind: 'record', line: 3, fields: { text: 'third' } },
        { kind: 'record', line: 5, fields: { text: 'fifth' } },
      ],
    });
  });

  it('reads a line far longer than the preview, and refuses one longer than any task can be', () => {
    const long = 'word '.repeat(60_000);
    expect(parseInPieces('text', 'a.txt', `${long}\nshort\n`, 65_536)).toEqual([
      { kind: 'record', line: 1, fields: { text: long } },
      { kind: 'record', line: 2, fields: { text: 'short' } },
    ]);
    expect(formatErrorOf(() => parseInPieces('text', 'a.txt', `one\n\n${'x'.repeat(8_000_001)}`, 1_000_000))).toBe(
      'a.txt, line 3: the task that starts on this line is longer than 8,000,000 characters, the most one task may hold; split it into smaller tasks',
    );
  });

  it('refuses a line without end as soon as it outgrows any task, holding no more of it', () => {
    const stream = createTextStream('endless.txt');
    const piece = 'x'.repeat(1_000_000);
    expect(() => {
      for (let i = 0; i < 9; i++) stream.push(piece);
    }).toThrow('endless.txt, line 1: the task that starts on this line is longer than 8,000,000 characters');
  });

  it('hands out each record as soon as its line is complete', () => {
    const stream = createTextStream('a.txt');
    expect(stream.push('one\ntw')).toEqual([{ kind: 'record', line: 1, fields: { text: 'one' } }]);
    expect(stream.push('o')).toEqual([]);
    expect(stream.end()).toEqual([{ kind: 'record', line: 2, fields: { text: 'two' } }]);
  });
});
