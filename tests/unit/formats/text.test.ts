import { describe, expect, it } from 'vitest';
import { createTextStream } from '../../../src/lib/formats/text';
import { readFixture } from './read-file';

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

  it('hands out each record as soon as its line is complete', () => {
    const stream = createTextStream();
    expect(stream.push('one\ntw')).toEqual([{ kind: 'record', line: 1, fields: { text: 'one' } }]);
    expect(stream.push('o')).toEqual([]);
    expect(stream.end()).toEqual([{ kind: 'record', line: 2, fields: { text: 'two' } }]);
  });
});
