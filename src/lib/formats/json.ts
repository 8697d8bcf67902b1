// A JSON file holding an array of tasks, read element by element as the text arrives. A small scanner finds where
// each top-level element starts (its line, for messages) and ends; JSON.parse reads each element alone. So a large
// array streams like JSON Lines, holding one element at a time, and its first tasks are known from its first
// kilobytes, which is all the import's preview reads. The scanner checks only the array's own punctuation;
// JSON.parse judges everything inside an element, so its reasons reach the user as for any JSON.

import { describeJsonSyntaxError, jsonErrorPosition } from './json-error';
import { describeDeepNesting, MAX_RECORD_CHARS, recordTooLong } from './limits';
import { countLineBreaks } from './lines';
import { FileFormatError, type RecordItem, type RecordStream } from './types';
import { describeValue, isPlainObject } from './values';

export function createJsonArrayStream(fileName: string): RecordStream {
  const scanner = new JsonArrayScanner(fileName);
  return { push: (text) => scanner.push(text), end: () => scanner.end() };
}

/** What comes next between elements. */
type Expecting = 'array' | 'first-element' | 'element' | 'comma-or-end' | 'nothing';

/** The element being read, possibly across many chunks. */
interface OpenElement {
  line: number;
  /** Its text in the chunks before this one. */
  pieces: string[];
  length: number;
  /** A number, true, false or null: it ends at the first character that cannot be part of it. */
  scalar: boolean;
  /** The closing brackets its open arrays and objects wait for, innermost last. */
  closers: number[];
  inString: boolean;
  /** Whether the backslashes that ended the previous chunk, inside a string, escape what comes next. */
  escapeCarried: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const MINUS = 0x2d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

class JsonArrayScanner {
  private expecting: Expecting = 'array';
  private element: OpenElement | null = null;
  /** Where the open element's text begins in the chunk being read (0 when it began in an earlier chunk). */
  private elementStart = 0;
  private openLine = 1;
  // Lines: the chunk being read, how far into it they are counted, the line reached there.
  private chunk = '';
  private countedTo = 0;
  private line = 1;
  private previousChunkEndedInCR = false;
  private lastContentLine = 1;

  constructor(private readonly fileName: string) {}

  push(text: string): RecordItem[] {
    this.chunk = text;
    this.countedTo = 0;
    this.elementStart = 0;
    const items: RecordItem[] = [];
    let i = 0;
    while (i < text.length) {
      if (this.element !== null) {
        i = this.readElement(text, i, items);
        continue;
      }
      i = skipWhitespace(text, i);
      if (i < text.length) i = this.readBetweenElements(text, i);
    }
    if (this.element !== null) this.keepUnfinishedElement(this.element, text);
    this.finishChunk(text);
    return items;
  }

  end(): RecordItem[] {
    const items: RecordItem[] = [];
    const element = this.element;
    if (element !== null) {
      const text = element.pieces.join('');
      // A number or literal ends with the file; an array, object or string cut off by it does not parse.
      if (element.scalar) this.finishElement(text, items);
      else this.parseElement(text, element.line, false);
    }
    if (this.expecting !== 'nothing') {
      throw new FileFormatError(this.fileName, this.lastContentLine, 'is not valid JSON (Unexpected end of JSON input)');
    }
    return items;
  }

  /** Reads the array's own punctuation at `i`, which is not whitespace; returns where to go on. */
  private readBetweenElements(text: string, i: number): number {
    const code = text.charCodeAt(i);
    switch (this.expecting) {
      case 'array':
        if (code !== OPEN_ARRAY) throw this.notAnArray(code);
        this.openLine = this.lineAt(i);
        this.expecting = 'first-element';
        return i + 1;
      case 'first-element':
        if (code === CLOSE_ARRAY) {
          throw new FileFormatError(this.fileName, this.openLine, 'the array holds no tasks; put one task per element, like [{"text": "..."}]');
        }
        return this.startElement(text, i);
      case 'element':
        return this.startElement(text, i);
      case 'comma-or-end':
        if (code === COMMA) this.expecting = 'element';
        else if (code === CLOSE_ARRAY) this.expecting = 'nothing';
        else throw this.syntaxError(i, "Expected ',' or ']' after array element");
        return i + 1;
      case 'nothing':
        throw this.syntaxError(i, 'Unexpected non-whitespace character after JSON');
    }
  }

  private startElement(text: string, i: number): number {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === CLOSE_ARRAY || code === CLOSE_OBJECT) throw this.syntaxError(i, `Unexpected token '${text[i]}'`);
    const scalar = code !== QUOTE && code !== OPEN_ARRAY && code !== OPEN_OBJECT;
    this.element = { line: this.lineAt(i), pieces: [], length: 0, scalar, closers: [], inString: false, escapeCarried: false };
    this.elementStart = i;
    return i;
  }

  /** Scans the open element from `from`; if it ends in this chunk, parses it into `items`. Returns where to go on. */
  private readElement(text: string, from: number, items: RecordItem[]): number {
    const element = this.element!;
    const end = element.scalar ? scalarEnd(text, from) : containerEnd(element, text, from);
    if (end === -1) return text.length;
    this.finishElement(element.pieces.join('') + text.slice(this.elementStart, end), items);
    return end;
  }

  /** At the end of a chunk: the unfinished element keeps its text, within the limit, and its escape state. */
  private keepUnfinishedElement(element: OpenElement, text: string): void {
    const piece = text.slice(this.elementStart);
    element.pieces.push(piece);
    element.length += piece.length;
    if (element.inString) {
      let before = text.length - 1;
      while (before >= this.elementStart && text.charCodeAt(before) === BACKSLASH) before--;
      const odd = (text.length - 1 - before) % 2 === 1;
      // Only a string that began in an earlier chunk can be all backslashes here; then earlier ones count too.
      element.escapeCarried = before < this.elementStart ? odd !== element.escapeCarried : odd;
    }
    if (element.length > MAX_RECORD_CHARS) throw this.outgrown(element);
  }

  /**
   * An element too long to hold. A broken one (a quote or a bracket missing) can run on through the rest of the
   * file; when JSON.parse finds the break before the end of what was read, that is what the user needs to hear.
   */
  private outgrown(element: OpenElement): FileFormatError {
    const text = element.pieces.join('');
    try {
      JSON.parse(text);
    } catch (error) {
      const position = jsonErrorPosition(error);
      if (position !== null && position < text.trimEnd().length) return this.invalid(error, text, element.line);
    }
    return recordTooLong(this.fileName, element.line);
  }

  private finishElement(text: string, items: RecordItem[]): void {
    const { line, scalar } = this.element!;
    this.element = null;
    this.expecting = 'comma-or-end';
    if (text.length > MAX_RECORD_CHARS) throw recordTooLong(this.fileName, line);
    items.push(elementToItem(this.parseElement(text, line, scalar), line));
  }

  private parseElement(text: string, line: number, scalar: boolean): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      // JSON.parse calls a misspelt literal an unexpected end; the word itself says more.
      if (scalar) throw new FileFormatError(this.fileName, line, `is not valid JSON (${text.slice(0, 20)} is not a number, true, false or null)`);
      throw this.invalid(error, text, line);
    }
  }

  /** JSON.parse's error on an element that starts on `line`, placed on the file's line. */
  private invalid(error: unknown, text: string, line: number): FileFormatError {
    const problem = describeJsonSyntaxError(error, text);
    return new FileFormatError(this.fileName, line + (problem.line ?? 1) - 1, `is not valid JSON (${problem.reason})`);
  }

  private syntaxError(i: number, reason: string): FileFormatError {
    return new FileFormatError(this.fileName, this.lineAt(i), `is not valid JSON (${reason})`);
  }

  private notAnArray(code: number): FileFormatError {
    let found = `text starting with "${String.fromCharCode(code)}"`;
    if (code === OPEN_OBJECT) found = 'an object';
    else if (code === QUOTE) found = 'a string';
    else if (code === MINUS || (code >= 0x30 && code <= 0x39)) found = 'a number';
    return new FileFormatError(this.fileName, null, `expected a JSON array of tasks, like [{"text": "..."}, ...], but found ${found}`);
  }

  /** The line of position `i` of the chunk being read; positions asked for never move back. */
  private lineAt(i: number): number {
    if (i > this.countedTo) {
      const splitCRLF = this.countedTo === 0 && this.previousChunkEndedInCR && this.chunk.charCodeAt(0) === LF ? 1 : 0;
      this.line += countLineBreaks(this.chunk, this.countedTo, i) - splitCRLF;
      this.countedTo = i;
    }
    return this.line;
  }

  private finishChunk(text: string): void {
    let last = text.length - 1;
    while (last >= 0 && isWhitespace(text.charCodeAt(last))) last--;
    if (last >= 0) this.lastContentLine = this.lineAt(last);
    this.lineAt(text.length);
    if (text !== '') this.previousChunkEndedInCR = text.charCodeAt(text.length - 1) === CR;
  }
}

function elementToItem(value: unknown, line: number): RecordItem {
  const tooDeep = describeDeepNesting(value);
  if (tooDeep !== null) return { kind: 'error', line, message: tooDeep };
  if (isPlainObject(value)) return { kind: 'record', line, fields: value };
  if (typeof value === 'string') return { kind: 'record', line, fields: { text: value } };
  return { kind: 'error', line, message: `expected a task object or a text string, found ${describeValue(value)}` };
}

/**
 * Where the array, object or string element ends (just past its last character), or -1 if not in this chunk.
 * Strings are skipped quote to quote, so the text inside them, the bulk of a task file, is never looked at here.
 */
function containerEnd(element: OpenElement, text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (element.inString) {
      const quote = text.indexOf('"', i);
      if (quote === -1) return -1;
      i = quote + 1;
      if (isEscaped(element, text, quote)) continue;
      element.inString = false;
      if (element.closers.length === 0) return i;
      continue;
    }
    const code = text.charCodeAt(i++);
    if (code === QUOTE) {
      element.inString = true;
      element.escapeCarried = false;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      element.closers.push(code === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT);
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      // A bracket that closes the wrong thing ends the element right there, and JSON.parse names it.
      if (element.closers.pop() !== code || element.closers.length === 0) return i;
    }
  }
  return -1;
}

/** An odd number of backslashes before the quote escapes it, counting those that ended the previous chunk. */
function isEscaped(element: OpenElement, text: string, quote: number): boolean {
  let before = quote - 1;
  while (before >= 0 && text.charCodeAt(before) === BACKSLASH) before--;
  const odd = (quote - 1 - before) % 2 === 1;
  return before < 0 ? odd !== element.escapeCarried : odd;
}

/** Where a number or literal ends: the first character that cannot belong to it, or -1 if not in this chunk. */
function scalarEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ends = code === COMMA || code === CLOSE_ARRAY || code === CLOSE_OBJECT || code === OPEN_ARRAY || code === OPEN_OBJECT;
    if (ends || code === QUOTE || isWhitespace(code)) return i;
  }
  return -1;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === LF || code === CR || code === 0x09;
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
