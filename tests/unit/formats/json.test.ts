import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonArrayStream } from '../../../src/lib/formats/json';
import { describeJsonSyntaxError } from '../../../src/lib/formats/json-error';
import { FileFormatError } from '../../../src/lib/formats/types';
import { describeValue, isPlainObject } from '../../../src/lib/formats/values';
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

  it('refuses an empty array, naming the line it opens on', () => {
    for (const text of ['[]', ' [ ] ', '\n[\n\n]\n']) {
      expect(formatErrorOf(() => parseInPieces('json', 'data.json', text))).toBe(
        `data.json, line ${text.startsWith('\n') ? 2 : 1}: the array holds no tasks; put one task per element, like [{"text": "..."}]`,
      );
    }
  });

  it('refuses what is not an array by what it starts with', () => {
    const notArray = (found: string) => `a.json: expected a JSON array of tasks, like [{"text": "..."}, ...], but found ${found}`;
    expect(formatErrorOf(() => parseInPieces('json', 'a.json', '"just text"'))).toBe(notArray('a string'));
    expect(formatErrorOf(() => parseInPieces('json', 'a.json', '\n-42\n'))).toBe(notArray('a number'));
    expect(formatErrorOf(() => parseInPieces('json', 'a.json', 'id,text\n1,hello\n'))).toBe(notArray('text starting with "i"'));
  });

  it('hands out each element as soon as it is complete, so a large array streams', () => {
    const stream = createJsonArrayStream('a.json');
    expect(stream.push('[{"text": "a"}, {"te')).toEqual([{ kind: 'record', line: 1, fields: { text: 'a' } }]);
    // A backslash that ends a chunk escapes the quote that starts the next one; two backslashes do not.
    expect(stream.push('xt": "b \\')).toEqual([]);
    expect(stream.push('"\\\\')).toEqual([]);
    expect(stream.push('"}\n, "c"')).toEqual([
      { kind: 'record', line: 1, fields: { text: 'b "\\' } },
      { kind: 'record', line: 2, fields: { text: 'c' } },
    ]);
    expect(stream.push(']')).toEqual([]);
    expect(stream.end()).toEqual([]);
  });

  it('rejects an element nested deeper than 64 levels, the array itself or a field of a task, and keeps the rest', () => {
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    expect(parseInPieces('json', 'deep.json', deep(10_000))).toEqual([
      { kind: 'error', line: 1, message: 'is nested deeper than 64 levels; flatten it or leave it out' },
    ]);
    const tasks = `[\n{"text": "fine", "meta": ${deep(63)}},\n{"text": "too deep", "meta": {"a": ${deep(10_000)}}}\n]`;
    expect(parseInPieces('json', 'meta.json', tasks, 4096)).toEqual([
      { kind: 'record', line: 2, fields: { text: 'fine', meta: JSON.parse(deep(63)) } },
      { kind: 'error', line: 3, message: 'field "meta" is nested deeper than 64 levels; flatten it or leave it out' },
    ]);
  });

  it.each([
    ['a trailing comma', '[\n{"text": "a"},\n]', "line 3: is not valid JSON (Unexpected token ']')"],
    ['a leading comma', '[,\n"a"]', "line 1: is not valid JSON (Unexpected token ',')"],
    ['a second array after the first', '[{"text": "a"}]\r\n[{"text": "b"}]', 'line 2: is not valid JSON (Unexpected non-whitespace character after JSON)'],
    ['a bracket closing the wrong thing', '[\n{"text": "a",\n "tags": ["x"}\n]', "line 3: is not valid JSON (Expected ',' or ']' after array element)"],
    ['a bad literal', '[\n"a",\r\n\r\ntru\n]', 'line 4: is not valid JSON (tru is not a number, true, false or null)'],
    ['a line break inside a string', '[\n{"text": "a\nb"}]', 'line 2: is not valid JSON (Bad control character in string literal)'],
    ['an element cut off by the end of the file', '[\n{"text": "a"},\n{"text": "b"', "line 3: is not valid JSON (Expected ',' or '}' after property value)"],
  ])('refuses %s, naming its line, whatever the chunking', (_, text, refusal) => {
    for (const chunkSize of [1, 2, 3, 5, Infinity]) {
      expect(formatErrorOf(() => parseInPieces('json', 'bad.json', text, chunkSize)), `chunks of ${chunkSize}`).toBe(`bad.json, ${refusal}`);
    }
  });

  it('refuses an element longer than any task can be, as soon as it outgrows the limit', () => {
    const stream = createJsonArrayStream('huge.json');
    stream.push('[\n{"text": "fine"},\n{"text": "');
    const piece = 'z'.repeat(1_000_000);
    expect(() => {
      for (let i = 0; i < 9; i++) stream.push(piece);
    }).toThrow(
      'huge.json, line 3: the task that starts on this line is longer than 8,000,000 characters, the most one task may hold; split it into smaller tasks',
    );
  });

  it('names the break in an element that runs on because a brace is missing, not its length', () => {
    const text = `[\n{"text": "a",\n${'{"text": "filler"},\n'.repeat(450_000)}{"text": "end"}]`;
    expect(formatErrorOf(() => parseInPieces('json', 'brace.json', text, 65_536))).toBe(
      'brace.json, line 3: is not valid JSON (Expected double-quoted property name)',
    );
  });
});

describe('streaming a JSON array agrees with JSON.parse', () => {
  // Arrays of tasks written with every kind of spacing, escape and line ending, then perhaps damaged by one edit;
  // read in random chunks, they must give JSON.parse's elements, or be refused exactly when JSON.parse refuses.
  const element = fc.oneof(
    fc.record({ text: fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '[', ']', '{', '}', ',', 'é', '😀') }), n: fc.integer() }),
    fc.string({ unit: fc.constantFrom('b', '\\', '"', ']') }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const spacing = fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\t ');
  const file = fc
    .tuple(fc.array(fc.tuple(element, spacing, spacing), { minLength: 1, maxLength: 6 }), spacing)
    .map(([elements, end]) => `[${elements.map(([value, before, after]) => `${before}${JSON.stringify(value)}${after}`).join(',')}]${end}`);
  const damage = fc.option(fc.tuple(fc.nat(), fc.constantFrom('', ',', ']', '}', '"', '\\', '[', 'x', ' ')), { nil: undefined });

  it('on random arrays, whole or damaged, in random chunks', () => {
    fc.assert(
      fc.property(file, damage, fc.integer({ min: 1, max: 16 }), (text, edit, chunkSize) => {
        const damaged = edit === undefined ? text : text.slice(0, edit[0] % text.length) + edit[1] + text.slice((edit[0] % text.length) + 1);
        let expected: unknown[] | null;
        try {
          expected = JSON.parse(damaged) as unknown[];
        } catch {
          expected = null;
        }
        const streamed = (() => {
          try {
            return parseInPieces('json', 'random.json', damaged, chunkSize);
          } catch (error) {
            if (error instanceof FileFormatError) return null;
            throw error;
          }
        })();
        if (!Array.isArray(expected) || expected.length === 0) {
          expect(streamed).toBeNull();
          return;
        }
        expect(streamed?.map((item) => (item.kind === 'record' ? item.fields : item.message))).toEqual(
          expected.map((value) => (isPlainObject(value) ? value : typeof value === 'string' ? { text: value } : `expected a task object or a text string, found ${describeValue(value)}`)),
        );
        expect(parseInPieces('json', 'random.json', damaged, chunkSize)).toEqual(parseInPieces('json', 'random.json', damaged));
      }),
      { seed: 17, numRuns: 3000 },
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
