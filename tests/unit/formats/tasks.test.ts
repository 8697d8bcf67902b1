import { describe, expect, it } from 'vitest';
import { chooseTextField, chooseTextFieldOrRefuse, recordToTask, taskContentKey } from '../../../src/lib/formats/tasks';
import type { RawRecord } from '../../../src/lib/formats/types';
import { readFixture } from './read-file';

const record = (fields: Record<string, unknown>, line = 7): RawRecord => ({ kind: 'record', line, fields });
const recordsOf = (...rows: Record<string, unknown>[]) => rows.map((fields, i) => record(fields, i + 1));

describe('choosing the field that holds the text', () => {
  it('lists every column in order of first appearance', () => {
    expect(chooseTextField(recordsOf({ b: 1, text: 'x' }, { a: 2, b: 3 })).columns).toEqual(['b', 'text', 'a']);
  });

  it('picks a conventional name, case-insensitively, by priority', () => {
    expect(chooseTextField(recordsOf({ id: 1, Review: 'good', Content: 'x' })).textField).toBe('Content');
    expect(chooseTextField(recordsOf({ TWEET: 'hi', label: 'pos' })).textField).toBe('TWEET');
  });

  it('otherwise picks the one column that holds text in most records, never the id', () => {
    const records = recordsOf(
      { id: 'a', sentence_a: 'first', score: 3 },
      { id: 'b', sentence_a: 'second', score: 4 },
      { id: 'c', sentence_a: '', score: 'n/a' },
    );
    expect(chooseTextField(records)).toEqual({ columns: ['id', 'sentence_a', 'score'], textColumns: ['id', 'sentence_a', 'score'], textField: 'sentence_a' });
  });

  it('leaves the choice to the user when several columns hold text, or none does', () => {
    expect(chooseTextField(recordsOf({ question: 'why?', answer: 'because' })).textField).toBeNull();
    expect(chooseTextField(recordsOf({ n: 1 }, { n: 2 })).textField).toBeNull();
    expect(chooseTextField([])).toEqual({ columns: [], textColumns: [], textField: null });
  });

  it('finds the text of every import fixture that has tasks', () => {
    const good = ['good.csv', 'good.tsv', 'good.json', 'good.jsonl', 'lines.txt'].map((name) => {
      const outcome = readFixture(name);
      const records = 'items' in outcome ? outcome.items.filter((i): i is RawRecord => i.kind === 'record') : [];
      return chooseTextField(records).textField;
    });
    expect(good).toEqual(['text', 'text', 'text', 'text', 'text']);
  });
});

describe('choosing the text field from a preview, or refusing the file', () => {
  const problem = { kind: 'error' as const, line: 3, message: 'expected 2 columns (a, b), found 1' };

  it('refuses a preview with no record by its first problem', () => {
    expect(() => chooseTextFieldOrRefuse('a.csv', [], problem)).toThrow('a.csv, line 3: expected 2 columns (a, b), found 1 (not one task could be read from this file)');
  });

  it('refuses records in which no field holds text, naming the first', () => {
    expect(() => chooseTextFieldOrRefuse('n.jsonl', recordsOf({ n: 1 }, { n: 2, s: ' ' }), null)).toThrow(
      'n.jsonl, line 1: no field holds text to label; each task needs one, such as "text"',
    );
  });

  it('otherwise offers the columns that hold text, in any record', () => {
    expect(chooseTextFieldOrRefuse('qa.jsonl', recordsOf({ q: 'why?', n: 1 }, { a: 'because', q: '' }), problem)).toEqual({
      columns: ['q', 'n', 'a'],
      textColumns: ['q', 'a'],
      textField: null,
    });
    expect(chooseTextFieldOrRefuse('k.jsonl', recordsOf({ text: 5 }), null).textField).toBe('text');
  });
});

describe('turning a record into a task', () => {
  it('takes the key from "id", the text from the text field and everything else as meta', () => {
    expect(recordToTask(record({ id: 'r-1', body: 'Hello', lang: 'en', n: 2 }), 'body')).toEqual({
      key: 'r-1',
      text: 'Hello',
      meta: { lang: 'en', n: 2 },
      line: 7,
    });
    expect(recordToTask(record({ id: 42, text: 'Hi' }), 'text')).toEqual({ key: '42', text: 'Hi', meta: {}, line: 7 });
    expect(recordToTask(record({ text: '  keep spaces ' }), 'text')).toEqual({
      key: null,
      text: '  keep spaces ',
      meta: {},
      line: 7,
    });
  });

  it('spreads a nested "meta" object and drops an "annotations" array, as in our own export', () => {
    const exported = { id: 't1', text: 'Hi', meta: { source: 'web', lang: 'en' }, annotations: [{ value: ['pos'] }] };
    expect(recordToTask(record({ ...exported, lang: 'fr' }), 'text')).toEqual({
      key: 't1',
      text: 'Hi',
      meta: { source: 'web', lang: 'fr' },
      line: 7,
    });
    expect(recordToTask(record({ text: 'Hi', meta: 'a note', annotations: 'none' }), 'text')).toEqual({
      key: null,
      text: 'Hi',
      meta: { meta: 'a note', annotations: 'none' },
      line: 7,
    });
  });

  it.each([
    [{ id: 'i'.repeat(1025), text: 'x' }, 'field "id" is 1,025 characters long, more than the 1,024 an id may have'],
    [{ id: '', text: 'x' }, 'field "id" must be a string or number, found an empty string'],
    [{ id: '  ', text: 'x' }, 'field "id" must be a string or number, found an empty string'],
    [{ id: null, text: 'x' }, 'field "id" must be a string or number, found null'],
    [{ id: [1], text: 'x' }, 'field "id" must be a string or number, found an array'],
    [{ title: 'x' }, 'missing text: field "text" is absent'],
    [{ text: ' \n ' }, 'field "text" is empty'],
    [{ text: 5 }, 'field "text" must be a string, found a number'],
    [{ text: { en: 'hi' } }, 'field "text" must be a string, found an object'],
  ])('rejects %j: %s', (fields, message) => {
    expect(recordToTask(record(fields), 'text')).toEqual({ kind: 'error', line: 7, message });
  });
});

describe('the content key of a task without an id', () => {
  it('is a fixed hash of the exact text: stored keys must never change', () => {
    expect(taskContentKey('Great product, would buy again.')).toBe('hdd35d8bdd407f21f6d32e5972f');
    expect(taskContentKey('great product, would buy again.')).toBe('h0fa01abb00045042388bbe5edc');
    expect(taskContentKey('héllo 👋')).toBe('hc9e9c67196d7b6ba9875753203');
    expect(taskContentKey('')).toBe('h53c7d819b63996ef9fbd4b7579');
  });

  it('spreads many similar texts over distinct keys of the same shape', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => taskContentKey(`task number ${i}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => /^h[0-9a-f]{26}$/.test(key))).toBe(true);
  });
});
