// What the JSON formats (doccano, Hugging Face, Prodigy, Label Studio, our own task export) share: one JSON object
// per record — a line of a JSONL file or an element of a JSON array — whose fields are checked one by one with their
// path in the message, and code point offsets turned into UTF-16 ones.

import { createJsonArrayStream } from '../json';
import { describeJsonSyntaxError } from '../json-error';
import { countLineBreaks, createLineSplitter, isBlankLine } from '../lines';
import { FileFormatError, type RecordItem } from '../types';
import { describeValue, isPlainObject } from '../values';
import { codePointLength, codePointToUtf16, FormatProblem, type Span } from './document';

interface SpanFields<T> {
  start: T;
  end: T;
  label: T;
}

/** One object of a file, able to point at its own fields when something in them is wrong. */
export class JsonRecord {
  constructor(
    readonly fileName: string,
    readonly line: number,
    readonly fields: Record<string, unknown>,
    /** Where the record sits in a JSON array (`[3].`), so that field paths read from the top of the file. */
    readonly path = '',
  ) {}

  problem(field: string | null, problem: string): FormatProblem {
    const where = field === null ? (this.path === '' ? null : this.path.replace(/\.$/, '')) : this.path + field;
    return new FormatProblem(this.fileName, this.line, where, problem);
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

  /** An optional array: missing means empty. */
  arrayOrNone(key: string): unknown[] {
    return this.fields[key] === undefined ? [] : this.array(key);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    return this.expect(value, field, 'an object', isPlainObject);
  }

  label(value: unknown, field: string): string {
    return this.expect(value, field, 'a label', isNonEmptyString);
  }

  /** Start and end counted in code points, checked against the text and returned as a UTF-16 span. */
  codePointSpan(text: string, values: SpanFields<unknown>, fields: SpanFields<string>): Span {
    const length = codePointLength(text);
    const start = this.offset(values.start, fields.start, 0, length);
    const end = this.offset(values.end, fields.end, start + 1, length);
    return {
      start: codePointToUtf16(text, start),
      end: codePointToUtf16(text, end),
      label: this.label(values.label, fields.label),
    };
  }

  /**
   * Start and end counted in JavaScript string units (UTF-16), as a browser-based editor counts them, checked against
   * the text; an offset between the two halves of a character outside the Basic Multilingual Plane is refused.
   */
  utf16Span(text: string, values: SpanFields<unknown>, fields: SpanFields<string>): Span {
    const start = this.unitOffset(text, values.start, fields.start, 0);
    const end = this.unitOffset(text, values.end, fields.end, start + 1);
    return { start, end, label: this.label(values.label, fields.label) };
  }

  private unitOffset(text: string, value: unknown, field: string, min: number): number {
    const offset = this.offset(value, field, min, text.length);
    const before = text.charCodeAt(offset - 1);
    const after = text.charCodeAt(offset);
    if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) {
      const character = text.slice(offset - 1, offset + 1);
      throw this.problem(field, `offset ${offset} falls between the two halves of "${character}", which counts as 2 in JavaScript string units`);
    }
    return offset;
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

export function readJsonLines(text: string, fileName: string): JsonRecord[] {
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
      return new JsonRecord(fileName, line, value);
    });
}

/** The objects of a JSON array, each with the line it starts on (task import's parser finds those lines). */
export function readJsonArray(text: string, fileName: string): JsonRecord[] {
  const stream = createJsonArrayStream(fileName);
  const items = refusalAsProblem(() => [...stream.push(text.replace(/^\uFEFF/, '')), ...stream.end()]);
  return items.map((item, index) => {
    if (item.kind === 'error') throw new FormatProblem(fileName, item.line, `[${index}]`, item.message);
    return new JsonRecord(fileName, item.line, item.fields, `[${index}].`);
  });
}

/** A file that is one JSON object (a single Label Studio task), as a record at the line the object starts on. */
export function readJsonObject(text: string, fileName: string): JsonRecord {
  const content = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    const { reason, line } = describeJsonSyntaxError(error, content);
    throw new FormatProblem(fileName, line, null, `is not valid JSON (${reason})`);
  }
  if (!isPlainObject(value)) throw new FormatProblem(fileName, null, null, `expected a JSON object, found ${describeValue(value)}`);
  return new JsonRecord(fileName, 1 + countLineBreaks(content, 0, content.length - content.trimStart().length), value);
}

/** Whether a file's content opens with a JSON object rather than an array. */
export function startsWithObject(text: string): boolean {
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{');
}

/**
 * Task import refuses a whole file with a FileFormatError, whose message already names the file and line; the
 * problem is taken back out of it so that it reads like every other FormatProblem.
 */
export function refusalAsProblem(parse: () => RecordItem[]): RecordItem[] {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof FileFormatError)) throw error;
    const where = `${error.fileName}${error.line === null ? '' : `, line ${error.line}`}: `;
    const problem = error.message.startsWith(where) ? error.message.slice(where.length) : error.message;
    throw new FormatProblem(error.fileName, error.line, null, problem);
  }
}

export function writeJsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

/** An "id" that is a string or a number names the document; anything else is left with the other fields. */
export function takeId(fields: Record<string, unknown>, key = 'id'): { id: string | null; rest: Record<string, unknown> } {
  const { [key]: id, ...rest } = fields;
  if (typeof id === 'string') return { id, rest };
  if (typeof id === 'number') return { id: String(id), rest };
  return { id: null, rest: fields };
}

/** Tools that number their ids (Label Studio) get numbers back; any other id stays a string. */
export function idValue(id: string): string | number {
  return /^(0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id;
}

/** Meta without the keys a writer sets itself, so a stray meta key can never overwrite the text or the labels. */
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

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
