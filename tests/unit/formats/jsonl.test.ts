import { describe, expect, it } from 'vitest';
import { createJsonlStream } from '../../../src/lib/formats/jsonl';
import { formatErrorOf, parseInPieces, readFixture } from './read-file';

describe('importing JSON Lines', () => {
  it('reads one object per line, skipping blank lines', () => {
    expect(readFixture('good.jsonl')).toEqual({
      format: 'jsonl',
      items: [
        { kind: 'record', line: 1, fields: { id: 't1', text: 'Great product, would buy again.', source: 'shop' } },
        { kind: 'record', line: 2, fields: { id: 2, text: 'Arrived broken.', stars: 1 } },
        { kind: 'record', line: 4, fields: { text: 'No id on this one', tags: ['a', 'b'] } },
      ],
    });
  });

  it('reports each bad line after the first and goes on', () => {
    expect(readFixture('bad-line.jsonl')).toEqual({
      format: 'jsonl',
      items: [
        { kind: 'record', line: 1, fields: { text: 'fine' } },
        { kind: 'error', line: 2, message: "not valid JSON (Expected ',' or '}' after property value)" },
        { kind: 'error', line: 3, message: 'expected a JSON object, found an array' },
        { kind: 'error', line: 4, message: 'expected a JSON object, found a number' },
        { kind: 'error', line: 5, message: 'expected a JSON object, found a string' },
        { kind: 'record', line: 6, fields: { text: 'also fine' } },
      ],
    });
  });

  it('refuses the whole file when its first line with content is not a JSON object', () => {
    expect(readFixture('not-really.jsonl')).toEqual({
      error:
        "not-really.jsonl, line 2: is not JSON Lines: expected one JSON object per line, found text that is not valid JSON (Unexpected token 'T')",
    });
    expect(formatErrorOf(() => parseInPieces('jsonl', 'tasks.jsonl', '["a", "b"]\n{"text": "c"}\n'))).toBe(
      'tasks.jsonl, line 1: is not JSON Lines: expected one JSON object per line, found an array',
    );
  });

  it('refuses the file before handing out any of it', () => {
    const stream = createJsonlStream('tasks.jsonl');
    expect(stream.push('  \n')).toEqual([]);
    expect(() => stream.push('[\n')).toThrow('tasks.jsonl, line 2: is not JSON Lines');
  });

  it('reads lines of several megabytes', () => {
    const text = 'word '.repeat(600_000);
    const items = parseInPieces('jsonl', 'big.jsonl', `{"text": "${text}"}\n{"text": "short"}\n`, 65_536);
    expect(items).toEqual([
      { kind: 'record', line: 1, fields: { text } },
      { kind: 'record', line: 2, fields: { text: 'short' } },
    ]);
  });

  it('refuses a line longer than any task can be, before it ends', () => {
    const stream = createJsonlStream('one-line.jsonl');
    stream.push('{"text": "fine"}\n{"text": "');
    const piece = 'y'.repeat(1_000_000);
    expect(() => {
      for (let i = 0; i < 20; i++) stream.push(piece);
    }).toThrow(
      'one-line.jsonl, line 2: the task that starts on this line is longer than 8,000,000 characters, the most one task may hold; split it into smaller tasks',
    );
  });

  it('rejects a line nested deeper than 64 levels, even the first, naming the field, and keeps the rest', () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(parseInPieces('jsonl', 'deep.jsonl', `{"text": "deep", "meta": ${deep}}\n{"text": "flat", "meta": {"a": [1]}}\n`)).toEqual([
      { kind: 'error', line: 1, message: 'field "meta" is nested deeper than 64 levels; flatten it or leave it out' },
      { kind: 'record', line: 2, fields: { text: 'flat', meta: { a: [1] } } },
    ]);
  });

  it('reads Windows line endings', () => {
    expect(parseInPieces('jsonl', 'a.jsonl', '{"text": "a"}\r\n\r\n{"text": "b"}\r\n')).toEqual([
      { kind: 'record', line: 1, fields: { text: 'a' } },
      { kind: 'record', line: 3, fields: { text: 'b' } },
    ]);
  });
});
