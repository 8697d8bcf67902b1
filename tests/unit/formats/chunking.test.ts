import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from './read-file';
import { fixtureNames, readFixture } from './read-file';

/** What reading a fixture gives: the whole file refused with its message, or its format and, line by line, a record or why that line was rejected. */
type Outcome = { error: string } | { format: string; lines: string[] };

// Each fixture's one right outcome. A new fixture needs its line here: the test below fails for a name missing from it.
const OUTCOMES: Record<string, Outcome> = {
  'bad-line.jsonl': {
    format: 'jsonl',
    lines: [
      '1: record',
      "2: not valid JSON (Expected ',' or '}' after property value)",
      '3: expected a JSON object, found an array',
      '4: expected a JSON object, found a number',
      '5: expected a JSON object, found a string',
      '6: record',
    ],
  },
  'bad-quote.csv': { format: 'csv', lines: ['2: badly quoted field: a quote inside a quoted field must be written twice ("")', '3: record'] },
  'bad-utf16.txt': { error: 'bad-utf16.txt, line 3: is not valid UTF-16 text (invalid byte sequence); save it as UTF-8 and import again' },
  'blank.txt': { error: 'blank.txt: is empty: there are no tasks in it' },
  'broken.json': { error: "broken.json, line 4: is not valid JSON (Expected ',' or ']' after array element)" },
  'dup-header.csv': { error: 'dup-header.csv, line 1: header: column "label" appears twice; column names must be unique' },
  'empty.txt': { error: 'empty.txt: is empty: there are no tasks in it' },
  'ends-mid-char.txt': { error: 'ends-mid-char.txt, line 3: is not UTF-8 text (invalid byte sequence); save it as UTF-8 and import again' },
  'good.csv': { format: 'csv', lines: ['2: record', '3: record', '6: record'] },
  'good.json': { format: 'json', lines: ['2: record', '3: record', '5: record'] },
  'good.jsonl': { format: 'jsonl', lines: ['1: record', '2: record', '4: record'] },
  'good.tsv': { format: 'tsv', lines: ['2: record', '3: record', '4: record'] },
  'latin1.txt': { error: 'latin1.txt, line 3: is not UTF-8 text (invalid byte sequence); save it as UTF-8 and import again' },
  'lines.txt': { format: 'text', lines: ['1: record', '2: record', '5: record'] },
  'mixed-endings.txt': { format: 'text', lines: ['1: record', '2: record', '3: record', '5: record'] },
  'mixed.json': {
    format: 'json',
    lines: [
      '2: record',
      '3: expected a task object or a text string, found a number',
      '4: expected a task object or a text string, found null',
      '5: expected a task object or a text string, found an array',
      '6: record',
    ],
  },
  'no-name-header.csv': { error: 'no-name-header.csv, line 1: header: column 2 has no name; name every column in the first line' },
  'not-array.json': { error: 'not-array.json: expected a JSON array of tasks, like [{"text": "..."}, ...], but found an object' },
  'not-really.jsonl': {
    error: "not-really.jsonl, line 2: is not JSON Lines: expected one JSON object per line, found text that is not valid JSON (Unexpected token 'T')",
  },
  'photo.png': { error: 'photo.png: looks like a binary file, not text; import a .txt, .jsonl, .json, .csv or .tsv file saved as UTF-8' },
  'ragged.csv': { format: 'csv', lines: ['2: record', '3: expected 2 columns (text, label), found 3', '4: expected 2 columns (text, label), found 1', '5: record'] },
  'truncated-char.txt': { error: 'truncated-char.txt, line 3: is not UTF-8 text (invalid byte sequence); save it as UTF-8 and import again' },
  'truncated.json': { error: 'truncated.json, line 3: is not valid JSON (Unexpected end of JSON input)' },
  'unclosed-quote.csv': {
    error:
      'unclosed-quote.csv, line 3: a quoted field opens on this line and is never closed, so the rest of the file would be read into it; add the closing quote (") or write each quote inside the field twice ("")',
  },
  'utf16be.txt': { format: 'text', lines: ['1: record', '2: record'] },
  'utf16le.txt': { format: 'text', lines: ['1: record', '2: record'] },
  'utf8-bom.csv': { format: 'csv', lines: ['2: record'] },
};

function outcomeOf(read: ImportOutcome): Outcome {
  if ('error' in read) return read;
  return { format: read.format, lines: read.items.map((item) => `${item.line}: ${item.kind === 'record' ? 'record' : item.message}`) };
}

// Files arrive in chunks of whatever size the browser picks; where a chunk ends must never change what is read.
describe('every import fixture reads the same whatever the chunk size', () => {
  it.each(fixtureNames())('%s', (name) => {
    const whole = readFixture(name);
    expect(outcomeOf(whole)).toEqual(OUTCOMES[name]);
    for (const chunkSize of [1, 3, 7]) {
      expect(readFixture(name, chunkSize), `chunks of ${chunkSize}`).toEqual(whole);
    }
  });

  it('pins an outcome for every fixture there is, and for none that is gone', () => {
    expect(Object.keys(OUTCOMES).sort()).toEqual(fixtureNames());
  });
});
