// What the JSONL span formats (doccano, Hugging Face, Prodigy) share: one JSON object per line, fields checked
// one by one with their path in the message, and code point offsets turned into UTF-16 ones.

import { describeJsonSyntaxError } from '../json-error';
import { createLineSplitter, isBlankLine } from '../lines';
import { describeValue, isPlainObject } from '../values';
import { codePointLength, codePointToUtf16, FormatProblem, type Span } from './document';

interface SpanFields<T> {
  start: T;
  end: T;
  label: T;
}

/** One object of a JSONL file, able to point at its own fields when something in them is wrong. */
export class JsonLine {
  constructor(
    readonly fileName: string,
    readonly line: number,
    readonly fields: Record<string, unknown>,
  ) {}

  problem(field: string | null, problem: string): FormatProblem {
    return new FormatProblem(this.fileName, this.line, field, problem);
  }

  /** `value` must be of the expected kind, or the message says what was found instead. */
  expect<T>(value: unknown, field: string, expected: string, is: (value: unknown) => value is T): T {
    if (is(value)) return value;
    throw this.problem(field, `expected ${expected}, found ${describeFound(value)}`);
  }

  wholeNumber(value: unknown, field: string): number {
    return this.expect(value, field, 'a whole number', isWholeNumber);
  }

  string(key: string): string {
    return this.expect(this.fields[key], key, 'a string', isString);
  }

  array(key: string): unknown[] {
    return this.expect(this.fields[key], key, 'an array', Array.isArray);
  }

  /** Start and end counted in code points, checked against the text and returned as a UTF-16 span. */
  codePointSpan(text: string, values: SpanFields<unknown>, fields: SpanFields<string>): Span {
    const length = codePointLength(text);
    const start = this.offset(values.start, fields.start, 0, length);
    const end = this.offset(values.end, fields.end, start + 1, length);
    return {
      start: codePointToUtf16(text, start),
      end: codePointToUtf16(text, end),
      label: this.expect(values.label, fields.label, 'a label', isNonEmptyString),
    };
  }

  private offset(value: unknown, field: string, min: number, textLength: number): number {
    const offset = this.wholeNumber(value, field);
    if (offset > textLength) {
      throw this.problem(field, `expected a number ≤ text length ${textLength}, found ${offset}`);
    }
    if (offset < min) {
      throw this.problem(field, `expected a number ≥ ${min === 0 ? '0' : `${min} (after start)`}, found ${offset}`);
    }
    return offset;
  }
}

export function readJsonLines(text: string, fileName: string): JsonLine[] {
  const splitter = createLineSplitter();
  const lines = [...splitter.push(text.replace(/^\uFEFF/, '')), ...splitter.end()];
  return lines
    .filter((line) => !isBlankLine(line.text))
    .map(({ text: lineText, line }) => {
      let value: unknown;
      try {
        value = JSON.parse(lineText);
      } catch (error) {
        const { reason } = describeJsonSyntaxError(error, lineText);
        throw new FormatProblem(fileName, line, null, `not valid JSON (${reason})`);
      }
      if (!isPlainObject(value)) {
        throw new FormatProblem(fileName, line, null, `expected a JSON object, found ${describeValue(value)}`);
      }
      return new JsonLine(fileName, line, value);
    });
}

export function writeJsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

/** An "id" that is a string or a number names the document; anything else is left with the other fields. */
export function takeId(fields: Record<string, unknown>): { id: string | null; rest: Record<string, unknown> } {
  const { id, ...rest } = fields;
  if (typeof id === 'string') return { id, rest };
  if (typeof id === 'number') return { id: String(id), rest };
  return { id: null, rest: fields };
}

/** Meta without the keys a writer sets itself, so a stray meta key can never overwrite the text or the spans. */
export function metaWithout(meta: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([key]) => !keys.includes(key)));
}

function describeFound(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value !== '' && value.length <= 40) return JSON.stringify(value);
  return describeValue(value);
}

function isWholeNumber(value: unknown): value is number {
  return Number.isInteger(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
