import { describe, expect, it } from 'vitest';
import { createDelimitedStream } from '../../../src/lib/formats/delimited';
import { FileFormatError, type RawRecord, type RecordItem } from '../../../src/lib/formats/types';
import { formatErrorOf, parseInPieces, readFixture } from './read-file';

const UNCLOSED =
  'a quoted field opens on this line and is never closed, so the rest of the file would be read into it; add the closing quote (") or write each quote inside the field twice ("")';

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

  // Everything after an unclosed quote is read into that one field: rejecting it as one bad row would drop the
  // rest of the file with it.
  it('refuses the whole file when a quote is never closed, at the line where it opens', () => {
    expect(readFixture('unclosed-quote.csv')).toEqual({ error: `unclosed-quote.csv, line 3: ${UNCLOSED}` });
    expect(formatErrorOf(() => parseInPieces('csv', 'tasks.csv', 'text,label\n"abc,pos\ndef,neg\n'))).toBe(`tasks.csv, line 2: ${UNCLOSED}`);
  });

  it('refuses an unclosed quote early in a large file as soon as the field outgrows any task, not at its end', () => {
    const stream = createDelimitedStream('big.csv', ',');
    stream.push('text,label\nfine,pos\n"never closed,pos\n');
    const rows = 'more text,neg\n'.repeat(100_000);
    expect(() => {
      for (let i = 0; i < 10; i++) stream.push(rows);
    }).toThrow('big.csv, line 3: a quoted field opens on this line and is still open 8,000,000 characters later; add its closing quote');
  });

  it('refuses a header with no rows below it', () => {
    expect(formatErrorOf(() => parseInPieces('csv', 'header.csv', 'text,label\n\n  \n'))).toBe(
      'header.csv, line 1: has a header but no rows; put one task per row below the header',
    );
  });

  it('refuses a header of more columns than a task file can mean, before reading their names', () => {
    const header = Array.from({ length: 50_000 }, (_, i) => `feature_${i}`).join(',');
    expect(formatErrorOf(() => parseInPieces('csv', 'wide.csv', `${header}\n${header}\n`, 65_536))).toBe(
      'wide.csv, line 1: header: 50,000 columns, more than the 1,000 a task file may have (the text, an id and details to keep)',
    );
  });

  it('refuses a row longer than any task can be, naming its first line', () => {
    expect(formatErrorOf(() => parseInPieces('csv', 'long.csv', `text\nshort\n${'x'.repeat(8_000_001)}\n`))).toBe(
      'long.csv, line 3: the task that starts on this line is longer than 8,000,000 characters, the most one task may hold; split it into smaller tasks',
    );
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

  it('keeps blank lines inside a quoted field and skips those between rows', () => {
    expect(parseInPieces('csv', 'a.csv', '\ntext,n\n"one\n\ntwo",1\n\n\nthree,2')).toEqual([
      { kind: 'record', line: 3, fields: { text: 'one\n\ntwo', n: '1' } },
      { kind: 'record', line: 8, fields: { text: 'three', n: '2' } },
    ]);
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
    expect(formatErrorOf(() => parseInPieces('tsv', 'a.tsv', '"text\tlabel\n'))).toBe(`a.tsv, line 1: header: ${UNCLOSED}`);
  });
});

describe('cutting records where papaparse would', () => {
  const outcome = (parse: () => RecordItem[]): RecordItem[] | string => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof FileFormatError) return error.message;
      throw error;
    }
  };

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
        expect(outcome(() => parseInPieces(format, 'random.csv', text, 1)), JSON.stringify(text)).toEqual(
          outcome(() => parseInPieces(format, 'random.csv', text)),
        );
      }
    }
  });
});
