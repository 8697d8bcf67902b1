// CSV and TSV. papaparse reads the fields; this module only decides where each record ends, so that records
// stream out chunk by chunk and each keeps the physical line it starts on (a quoted field may span lines).
// Line breaks inside a quoted field come out as "\n", whatever the file used.

import Papa, { type ParseError } from 'papaparse';
import { formatCount, MAX_COLUMNS, MAX_RECORD_CHARS, recordTooLong } from './limits';
import { createLineSplitter, isBlankLine, type NumberedLine } from './lines';
import { FileFormatError, type RecordItem, type RecordStream } from './types';

const QUOTE = 0x22;
/** Column names shown in a "wrong number of columns" message before it abbreviates. */
const NAMED_COLUMNS_IN_MESSAGE = 5;

export function createDelimitedStream(fileName: string, delimiter: ',' | '\t'): RecordStream {
  // Physical lines of the record being read; more than one only while a quoted field is open.
  let pending: string[] = [];
  let pendingChars = 0;
  let pendingLine = 0;
  let insideQuotes = false;
  const tooLong = (line: number) =>
    insideQuotes ? new FileFormatError(fileName, pendingLine, QUOTE_STILL_OPEN) : recordTooLong(fileName, line);
  const lines = createLineSplitter({ maxLength: MAX_RECORD_CHARS, refuse: tooLong });
  let header: string[] | null = null;
  let headerLine = 0;
  let rows = 0;

  const toItem = (row: ParsedRow, line: number): RecordItem | null => {
    const quoteProblem = row.quoteError === null ? null : row.quoteError === 'MissingQuotes' ? QUOTE_NEVER_CLOSED : BAD_QUOTES;
    if (header === null) {
      if (quoteProblem !== null) throw new FileFormatError(fileName, line, `header: ${quoteProblem}`);
      header = readHeader(fileName, row.fields, line);
      headerLine = line;
      return null;
    }
    // Everything after a quote that is never closed went into that one field: rejecting it as one bad row would
    // drop the rest of the file with it.
    if (row.quoteError === 'MissingQuotes') throw new FileFormatError(fileName, line, QUOTE_NEVER_CLOSED);
    rows++;
    if (quoteProblem !== null) return { kind: 'error', line, message: quoteProblem };
    if (row.fields.length !== header.length) {
      return { kind: 'error', line, message: `expected ${describeColumns(header)}, found ${row.fields.length}` };
    }
    // fromEntries defines properties, so a column named "__proto__" stays a column.
    return { kind: 'record', line, fields: Object.fromEntries(header.map((name, index) => [name, row.fields[index]])) };
  };

  // Papa.parse has a fixed cost per call, so the records completed by one chunk are parsed together.
  const read = (batch: NumberedLine[], atEnd: boolean): RecordItem[] => {
    const records: { text: string; line: number }[] = [];
    const complete = () => {
      records.push({ text: pending.join('\n'), line: pendingLine });
      pending = [];
      pendingChars = 0;
      insideQuotes = false;
    };
    for (const { text, line } of batch) {
      if (pending.length === 0) {
        if (isBlankLine(text)) continue;
        pendingLine = line;
      }
      pending.push(text);
      pendingChars += text.length + 1;
      insideQuotes = endsInsideQuotes(text, delimiter, insideQuotes);
      if (!insideQuotes) complete();
      else if (pendingChars > MAX_RECORD_CHARS) throw tooLong(pendingLine);
    }
    // Still inside quotes at the end of the file: papaparse reports the unclosed field.
    if (atEnd && pending.length > 0) complete();
    const rows = parseRows(records.map((record) => record.text), delimiter);
    return rows.flatMap((row, index) => toItem(row, records[index]!.line) ?? []);
  };

  return {
    push: (text) => read(lines.push(text), false),
    end: () => {
      const items = read(lines.end(), true);
      if (header !== null && rows === 0) {
        throw new FileFormatError(fileName, headerLine, 'has a header but no rows; put one task per row below the header');
      }
      return items;
    },
  };
}

interface ParsedRow {
  fields: string[];
  quoteError: ParseError['code'] | null;
}

function parseRows(records: string[], delimiter: string): ParsedRow[] {
  if (records.length === 0) return [];
  // Each record ends in a line break, as it did in the file: papaparse reads a quote followed by spaces and
  // the end of the input differently from one followed by spaces and a line break.
  const { data, errors } = Papa.parse<string[]>(`${records.join('\n')}\n`, { delimiter, newline: '\n', quoteChar: '"' });
  // Records are cut by papaparse's own quoting rules, so rows pair up with records (plus an empty last row after
  // the final line break). Should they ever not, parse each record alone rather than give a row the wrong line.
  if (records.length > 1 && data.length !== records.length + 1) {
    return records.flatMap((record) => parseRows([record], delimiter));
  }
  const quoteErrors = new Map<number, ParseError['code']>();
  for (const { row, code } of errors) {
    if (row !== undefined && (code === 'MissingQuotes' || !quoteErrors.has(row))) quoteErrors.set(row, code);
  }
  return records.map((_, index) => ({ fields: data[index] ?? [], quoteError: quoteErrors.get(index) ?? null }));
}

function readHeader(fileName: string, fields: string[], line: number): string[] {
  if (fields.length > MAX_COLUMNS) {
    throw new FileFormatError(
      fileName,
      line,
      `header: ${formatCount(fields.length)} columns, more than the ${formatCount(MAX_COLUMNS)} a task file may have (the text, an id and details to keep)`,
    );
  }
  const names = fields.map((field) => field.trim());
  names.forEach((name, index) => {
    if (name === '') {
      throw new FileFormatError(fileName, line, `header: column ${index + 1} has no name; name every column in the first line`);
    }
    if (names.indexOf(name) !== index) {
      throw new FileFormatError(fileName, line, `header: column "${name}" appears twice; column names must be unique`);
    }
  });
  return names;
}

function describeColumns(header: string[]): string {
  const shown = header.slice(0, NAMED_COLUMNS_IN_MESSAGE).join(', ');
  const more = header.length > NAMED_COLUMNS_IN_MESSAGE ? ', ...' : '';
  return `${header.length} ${header.length === 1 ? 'column' : 'columns'} (${shown}${more})`;
}

const QUOTE_NEVER_CLOSED =
  'a quoted field opens on this line and is never closed, so the rest of the file would be read into it; add the closing quote (") or write each quote inside the field twice ("")';
const QUOTE_STILL_OPEN = `a quoted field opens on this line and is still open ${formatCount(MAX_RECORD_CHARS)} characters later; add its closing quote (") or write each quote inside the field twice ("")`;
const BAD_QUOTES = 'badly quoted field: a quote inside a quoted field must be written twice ("")';

/**
 * Whether a record is still inside a quoted field at the end of this physical line. It follows papaparse's own
 * rules, so records are cut exactly where papaparse would cut them: a quote opens a field only as its first
 * character; inside, "" is a literal quote, and a quote closes the field only when nothing but spaces stands
 * between it and the delimiter or the end of the line; any other quote is text.
 */
function endsInsideQuotes(line: string, delimiter: string, startsInside: boolean): boolean {
  let inside = startsInside;
  let i = 0;
  for (;;) {
    if (!inside) {
      if (line.charCodeAt(i) === QUOTE) {
        inside = true;
        i++;
        continue;
      }
      const next = line.indexOf(delimiter, i);
      if (next === -1) return false;
      i = next + 1;
      continue;
    }
    const quote = line.indexOf('"', i);
    if (quote === -1) return true;
    if (line.charCodeAt(quote + 1) === QUOTE) {
      i = quote + 2;
      continue;
    }
    const next = line.indexOf(delimiter, quote + 1);
    const fieldEnd = next === -1 ? line.length : next;
    if (line.slice(quote + 1, fieldEnd).trim() !== '') {
      i = quote + 1;
      continue;
    }
    if (next === -1) return false;
    inside = false;
    i = next + 1;
  }
}
