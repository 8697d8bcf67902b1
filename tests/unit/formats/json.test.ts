import { describe, expect, it } from 'vitest';
import { describeJsonSyntaxError } from '../../../src/lib/formats/json-error';
import { formatErrorOf, parseInPieces, readFixture } from './read-file';

describe('importing a JSON array of tasks', () => {
  it('reads objects and bare strings, each at the line where it starts', () => {
    expect(readFixture('good.json')).toEqual({
      format: 'json',
      items: [
        {
          kind: 'record',
          line: 2,
          fields: { id: 'a', text: 'First [task], with "quotes" and a \\ backslash', meta: { source: 'web' } },
        },
        { kind: 'record', line: 3, fields: { text: 'A bare string is a task too' } },
        { kind: 'record', line: 5, fields: { text: 'Spans\nlines only when escaped', tags: [1, [2, { x: ']' }]] } },
      ],
    });
  });

  it('reports elements that are neither a task object nor a text, and keeps the rest', () => {
    expect(readFixture('mixed.json')).toEqual({
      format: 'json',
      items: [
        { kind: 'record', line: 2, fields: { text: 'ok' } },
        { kind: 'error', line: 3, message: 'expected a task object or a text string, found a number' },
        { kind: 'error', line: 4, message: 'expected a task object or a text string, found null' },
        { kind: 'error', line: 5, message: 'expected a task object or a text string, found an array' },
        { kind: 'record', line: 6, fields: { text: 'fine' } },
      ],
    });
  });

  it('refuses JSON that is not an array', () => {
    expect(readFixture('not-array.json')).toEqual({
      error: 'not-array.json: expected a JSON array of tasks, like [{"text": "..."}, ...], but found an object',
    });
  });

  it('refuses broken JSON, naming the line where it breaks', () => {
    expect(readFixture('broken.json')).toEqual({
      error: "broken.json, line 4: is not valid JSON (Expected ',' or ']' after array element)",
    });
  });

  it('names the last line with content of a file that was cut short', () => {
    expect(readFixture('truncated.json')).toEqual({
      error: 'truncated.json, line 3: is not valid JSON (Unexpected end of JSON input)',
    });
  });

  it('counts "\\r\\n" and "\\r" line endings when placing elements', () => {
    expect(parseInPieces('json', 'a.json', '[\r\n"a",\r\r\n "b", {"text": "c"}]').map((item) => item.line)).toEqual([2, 4, 4]);
  });

  it('reads an empty array as no tasks, and hands out nothing before the end', () => {
    expect(parseInPieces('json', 'a.json', ' [ ] ')).toEqual([]);
    expect(formatErrorOf(() => parseInPieces('json', 'a.json', '"just text"'))).toBe(
      'a.json: expected a JSON array of tasks, like [{"text": "..."}, ...], but found a string',
    );
  });
});

describe('reading where JSON.parse failed from its message', () => {
  const text = '[\n  1,\n  2\n  3\n]';

  it('understands V8 with and without "(line L column C)", preferring the offset', () => {
    const thrown = (() => {
      try {
        return JSON.parse(text) as never;
      } catch (error) {
        return error;
      }
    })();
    expect(describeJsonSyntaxError(thrown, text)).toEqual({ reason: "Expected ',' or ']' after array element", line: 4 });
    expect(
      describeJsonSyntaxError(
        new SyntaxError("Expected ',' or ']' after array element in JSON at position 13 (line 4 column 3)"),
        text,
      ),
    ).toEqual({ reason: "Expected ',' or ']' after array element", line: 4 });
  });

  it('understands Firefox', () => {
    expect(
      describeJsonSyntaxError(
        new SyntaxError("JSON.parse: expected ',' or ']' after array element at line 4 column 3 of the JSON data"),
        text,
      ),
    ).toEqual({ reason: "expected ',' or ']' after array element", line: 4 });
  });

  it('drops the echo of file content and gives no line when the engine gave no position', () => {
    expect(describeJsonSyntaxError(new SyntaxError('Unexpected token \'s\', "secret stuff"... is not valid JSON'), text)).toEqual({
      reason: "Unexpected token 's'",
      line: null,
    });
  });
});
