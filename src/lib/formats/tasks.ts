// From raw records to tasks: which field is the text, what the key is, what goes into meta.

import { formatCount, MAX_ID_LENGTH } from './limits';
import { FileFormatError, type RawRecord, type RecordError, type TaskDraft } from './types';
import { describeValue, isPlainObject } from './values';

/** Field names that mean "the text to label", most telling first. Matched case-insensitively. */
const TEXT_FIELD_NAMES = [
  'text',
  'content',
  'sentence',
  'body',
  'document',
  'review',
  'comment',
  'message',
  'tweet',
  'utterance',
];
const ID_FIELD = 'id';

export interface TextFieldChoice {
  /** Every field name seen, in order of first appearance. */
  columns: string[];
  /** The columns that hold text in at least one record: what the user may pick from. */
  textColumns: string[];
  /** null when no field is clearly the text: the user must pick one of `textColumns`. */
  textField: string | null;
}

export function chooseTextField(records: RawRecord[]): TextFieldChoice {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record.fields)))];
  const textCount = (column: string) => records.filter((record) => isNonBlankString(record.fields[column])).length;
  const textColumns = columns.filter((column) => textCount(column) > 0);
  for (const name of TEXT_FIELD_NAMES) {
    const match = columns.find((column) => column.toLowerCase() === name);
    if (match !== undefined) return { columns, textColumns, textField: match };
  }
  const candidates = textColumns.filter((column) => column !== ID_FIELD && textCount(column) * 2 > records.length);
  return { columns, textColumns, textField: candidates.length === 1 ? candidates[0]! : null };
}

/**
 * The text field of a file from the records its preview read, or why the file cannot be imported: nothing in it
 * could be read as a task, or no field holds text. So the user is asked to pick a column only when there is one to
 * pick. `firstProblem` is the first record the preview could not read.
 */
export function chooseTextFieldOrRefuse(fileName: string, records: RawRecord[], firstProblem: RecordError | null): TextFieldChoice {
  if (records.length === 0) {
    throw firstProblem === null ? new FileFormatError(fileName, null, 'is empty: there are no tasks in it') : nothingReadable(fileName, firstProblem);
  }
  const choice = chooseTextField(records);
  if (choice.textField === null && choice.textColumns.length === 0) {
    throw new FileFormatError(fileName, records[0]!.line, 'no field holds text to label; each task needs one, such as "text"');
  }
  return choice;
}

/**
 * A file of which not one record became a task is refused whole, by its first problem: a summary of nothing
 * imported and every line rejected would hide that the file itself is not what was meant.
 */
export function nothingReadable(fileName: string, firstProblem: RecordError): FileFormatError {
  return new FileFormatError(fileName, firstProblem.line, `${firstProblem.message} (not one task could be read from this file)`);
}

export function recordToTask(record: RawRecord, textField: string): TaskDraft | RecordError {
  const { fields, line } = record;
  const problem = (message: string): RecordError => ({ kind: 'error', line, message });

  let key: string | null = null;
  if (Object.hasOwn(fields, ID_FIELD)) {
    const id = fields[ID_FIELD];
    if (typeof id === 'number' && Number.isFinite(id)) key = String(id);
    else if (isNonBlankString(id)) key = id;
    else {
      const found = typeof id === 'string' ? 'an empty string' : describeValue(id);
      return problem(`field "${ID_FIELD}" must be a string or number, found ${found}`);
    }
    if (key.length > MAX_ID_LENGTH) {
      return problem(`field "${ID_FIELD}" is ${formatCount(key.length)} characters long, more than the ${formatCount(MAX_ID_LENGTH)} an id may have`);
    }
  }

  if (!Object.hasOwn(fields, textField)) return problem(`missing text: field "${textField}" is absent`);
  const text = fields[textField];
  if (typeof text !== 'string') return problem(`field "${textField}" must be a string, found ${describeValue(text)}`);
  if (!isNonBlankString(text)) return problem(`field "${textField}" is empty`);

  return { key, text, meta: metaOf(fields, textField), line };
}

/**
 * Everything but the key and the text. Our own JSONL export nests meta under "meta" and carries annotations;
 * spreading the one and dropping the other makes an export re-import as the tasks it came from (labels come
 * back through label files, not through task import). Top-level fields win over nested ones of the same name.
 */
function metaOf(fields: Record<string, unknown>, textField: string): Record<string, unknown> {
  const nested = isPlainObject(fields.meta) ? Object.entries(fields.meta) : [];
  const own = Object.entries(fields).filter(
    ([name, value]) =>
      name !== ID_FIELD &&
      name !== textField &&
      !(name === 'meta' && isPlainObject(value)) &&
      !(name === 'annotations' && Array.isArray(value)),
  );
  // fromEntries defines properties, so a field named "__proto__" stays a field.
  return Object.fromEntries([...nested, ...own]);
}

/** What a task's text and id must be: a string with something in it besides spaces. */
export function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && /\S/.test(value);
}

/**
 * The key of a task that has no id: a hash of its text, so importing the same text twice finds the duplicate.
 * Synchronous on purpose: it runs once per row in the import's hot loop, and crypto.subtle.digest would cost a
 * promise and a text encoding per row for a strength that deduplication does not need. Two cyrb53 passes with
 * different seeds, each kept to 52 bits (13 hex digits), give 104 bits: collisions are out of reach even for
 * millions of tasks. Keys are stored, so this function must never change its output.
 */
export function taskContentKey(text: string): string {
  return `h${cyrb52Hex(text, 0x2545f491)}${cyrb52Hex(text, 0x6a09e667)}`;
}

// cyrb53 by bryc (public domain), its high word cut from 21 to 20 bits.
function cyrb52Hex(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 & 0xfffff).toString(16).padStart(5, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
