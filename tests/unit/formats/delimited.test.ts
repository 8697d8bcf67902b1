import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../../../src/lib/formats/types';
import { formatErrorOf, parseInPieces, readFixture } from './read-file';

describe('importing CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, each record at its first line', () => {
    expect(readFixture('good.csv')).toEqual({
      format: 'csv',
      items: [
        { kind: 'record', line: 2, fields: { id: '1', text: 'Hello, world', label: 'greeting', source: 'web' } },
        {
          kind: 'record',
          line: 3,
          fields: { id: '2', text: 'She said "hi"\nand left.', label: 'other', source: 'mail, inbox' },
        },
        { kind: 'record', line: 6, fields: { id: '3', text: 'plain text', label: '', source: 'app' } },
      ],
    });
  });

  it('reports rows with the wrong number of columns and keeps the others', () => {
    expect(readFixture('ragged.csv')).toEqual({
      format: 'csv',
      items: [
        { kind: 'record', line: 2, fields: { text: 'fine', label: 'pos' } },
        { kind: 'error', line: 3, message: 'expected 2 columns (text, label), found 3' },
        { kind: 'error', line: 4, message: 'expected 2 columns (text, label), found 1' },
        { kind: 'record', line: 5, fields: { text: 'also fine', label: 'neg' } },
      ],
    });
  });

  it('names only the first columns of a wide file', () => {
    const csv = 'a,b,c,d,e,f,g\n1,2\n';
    expect(parseInPieces('csv', 'wide.csv', csv)).toEqual([
      { kind: 'error', line: 2, message: 'expected 7 columns (a, b, c, d, e, ...), found 2' },
    ]);
  });

  it('reports a badly quoted field as its own row', () => {
    expect(readFixture('bad-quote.csv')).toEqual({
      format: 'csv',
      items: [
        { kind: 'error', line: 2, message: 'badly quoted field: a quote inside a quoted field must be written twice ("")' },
        { kind: 'record', line: 3, fields: { text: 'fine', label: 'neg' } },
      ],
    });
  });

  it('reports a quote that is never closed at the line where it opens', () => {
    expect(readFixture('unclosed-quote.csv')).toEqual({
      format: 'csv',
      items: [
        { kind: 'record', line: 2, fields: { text: 'good', label: 'pos' } },
        {
          kind: 'error',
          line: 3,
          message: 'a quoted field is never closed, so everything after its opening quote was read into it',
        },
      ],
    });
  });

  it('refuses a header with a repeated or a missing column name', () => {
    expect(readFixture('dup-header.csv')).toEqual({
      error: 'dup-header.csv, line 1: header: column "label" appears twice; column names must be unique',
    });
    expect(readFixture('no-name-header.csv')).toEqual({
      error: 'no-name-header.csv, line 1: header: column 2 has no name; name every column in the first line',
    });
  });

  it('does not let a byte-order mark stick to the first column name', () => {
    expect(readFixture('utf8-bom.csv')).toEqual({
      format: 'csv',
      items: [{ kind: 'record', line: 2, fields: { text: 'hi', label: 'pos' } }],
    });
  });

  it('keeps blank lines inside a quoted field, skips those between rows, and reads a header alone as no rows', () => {
    expect(parseInPieces('csv', 'a.csv', '\ntext,n\n"one\n\ntwo",1\n\n\nthree,2')).toEqual([
      { kind: 'record', line: 3, fields: { text: 'one\n\ntwo', n: '1' } },
      { kind: 'record', line: 8, fields: { text: 'three', n: '2' } },
    ]);
    expect(parseInPieces('csv', 'a.csv', 'text,label\n')).toEqual([]);
  });

  it('closes a quoted field followed by spaces, as papaparse does, and takes a quote inside a bare field as text', () => {
    expect(parseInPieces('csv', 'a.csv', 'text,n\n"quoted"  ,1\n5" screen,2\n')).toEqual([
      { kind: 'record', line: 2, fields: { text: 'quoted', n: '1' } },
      { kind: 'record', line: 3, fields: { text: '5" screen', n: '2' } },
    ]);
  });

  it('keeps a column named like an object property as a plain field', () => {
    const [item] = parseInPieces('csv', 'a.csv', 'text,__proto__\nhi,x\n') as RawRecord[];
    expect(Object.entries(item!.fields)).toEqual([
      ['text', 'hi'],
      ['__proto__', 'x'],
    ]);
    expect(Object.getPrototypeOf(item!.fields)).toBe(Object.prototype);
  });
});

describe('importing TSV', () => {
  it('splits on tabs only, and reads quotes the CSV way', () => {
    expect(readFixture('good.tsv')).toEqual({
      format: 'tsv',
      items: [
        { kind: 'record', line: 2, fields: { text: "Ceci n'est pas une pipe, vraiment", label: 'neutral', lang: 'fr' } },
        { kind: 'record', line: 3, fields: { text: 'He said "wow" loudly', label: 'pos', lang: 'en' } },
        { kind: 'record', line: 4, fields: { text: 'Quoted\twith tab', label: 'neg', lang: 'en' } },
      ],
    });
  });

  it('refuses a header it cannot read', () => {
    expect(formatErrorOf(() => parseInPieces('tsv', 'a.tsv', '"text\tlabel\n'))).toBe(
      'a.tsv, line 1: header: a quoted field is never closed, so everything after its opening quote was read into it',
    );
  });
});

describe('cutting records where papaparse would', () => {
  // Fed one character at a time, records reach papaparse one by one; fed whole, they are parsed together.
  // Both agree only if records are cut exactly by papaparse's quoting rules.
  it('reads random quote-heavy files the same whether records are parsed together or one by one', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['a', 'b', ',', '\t', '"', '"', '"', ' ', '\n', '\r\n', '\r'];
    for (let n = 0; n < 3000; n++) {
      const body = Array.from({ length: 1 + Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]);
      const text = `h1,h2\th3\n${body.join('')}`;
      for (const format of ['csv', 'tsv'] as const) {
        expect(parseInPieces(format, 'random.csv', text, 1), JSON.stringify(text)).toEqual(parseInPieces(format, 'random.csv', text));
      }
    }
  });
});
