// A JSON file holding an array of tasks. JSON.parse needs the whole text, so records come out only at the end;
// files too big for that should be JSON Lines. JSON.parse does not say where each element was, so a small
// scanner finds the line each top-level element starts on, for messages that point into the file.

import { describeJsonSyntaxError } from './json-error';
import { FileFormatError, type RecordItem, type RecordStream } from './types';
import { describeValue, isPlainObject } from './values';

export function createJsonArrayStream(fileName: string): RecordStream {
  const chunks: string[] = [];
  return {
    push(text) {
      chunks.push(text);
      return [];
    },
    end() {
      const text = chunks.join('');
      chunks.length = 0;
      return readJsonArray(fileName, text);
    },
  };
}

function readJsonArray(fileName: string, text: string): RecordItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { reason, line } = describeJsonSyntaxError(error, text);
    throw new FileFormatError(fileName, line, `is not valid JSON (${reason})`);
  }
  if (!Array.isArray(parsed)) {
    throw new FileFormatError(
      fileName,
      null,
      `expected a JSON array of tasks, like [{"text": "..."}, ...], but found ${describeValue(parsed)}`,
    );
  }
  const lines = elementStartLines(text);
  return parsed.map((element: unknown, index): RecordItem => {
    const line = lines[index]!;
    if (isPlainObject(element)) return { kind: 'record', line, fields: element };
    if (typeof element === 'string') return { kind: 'record', line, fields: { text: element } };
    return { kind: 'error', line, message: `expected a task object or a text string, found ${describeValue(element)}` };
  });
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The line on which each element of the top-level array starts. Only called on text JSON.parse accepted, so
 * the scanner can trust the syntax; raw line breaks can only appear between tokens, never inside strings.
 */
function elementStartLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expectingElement = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) {
      if (code === CR || text.charCodeAt(i - 1) !== CR) line++;
      continue;
    }
    if (code === 0x20 || code === 0x09) continue;
    if (expectingElement && code !== CLOSE_ARRAY) lines.push(line);
    expectingElement = false;
    if (code === QUOTE) i = closingQuote(text, i);
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) expectingElement = ++depth === 1 && code === OPEN_ARRAY;
    else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) depth--;
    else if (code === COMMA) expectingElement = depth === 1;
  }
  return lines;
}

/** Index of the quote that ends the string opened at `open`: the next quote not escaped by a backslash. */
export function closingQuote(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
}
