import { describe, expect, it } from 'vitest';
import { detectFormat, formatLabel } from '../../../src/lib/formats/detect';
import { formatErrorOf } from './read-file';

describe('telling the format of a file', () => {
  it.each([
    ['reviews.txt', 'text'],
    ['notes.TEXT', 'text'],
    ['tasks.jsonl', 'jsonl'],
    ['tasks.NDJSON', 'jsonl'],
    ['tasks.json', 'json'],
    ['sheet.csv', 'csv'],
    ['sheet.tsv', 'tsv'],
    ['sheet.tab', 'tsv'],
    ['exports/2024.05/sheet.csv', 'csv'],
    ['C:\\exports\\v1.2\\tasks.jsonl', 'jsonl'],
  ])('trusts the extension of %s (%s), whatever the content says', (fileName, format) => {
    expect(detectFormat(fileName, '[{"looks": "like JSON"}]')).toBe(format);
  });

  it.each([
    ['[\n  {"text": "a"}\n]', 'json'],
    ['\n  {"text": "a"}\n{"text": "b"}', 'jsonl'],
    ['text\tlabel\nhi\tpos', 'tsv'],
    ['text,label\nhi,pos', 'csv'],
    ['just words\nwith, commas\tand tabs later', 'text'],
  ])('looks at the content when the extension says nothing: %j is %s', (head, format) => {
    expect(detectFormat('export.dat', head)).toBe(format);
    expect(detectFormat('export', head)).toBe(format);
  });

  it.each(['', '   \n\t\r\n'])('refuses an empty file (%j)', (head) => {
    expect(formatErrorOf(() => detectFormat('tasks.csv', head))).toBe('tasks.csv: is empty: there are no tasks in it');
  });

  it('names each format for people', () => {
    expect(['text', 'jsonl', 'json', 'csv', 'tsv'].map((f) => formatLabel(f as never))).toEqual([
      'Plain text',
      'JSON Lines',
      'JSON',
      'CSV',
      'TSV',
    ]);
  });
});
