// What Label Studio's JSON export and its JSON-MIN share. Results name the control tag that made them (from_name)
// and the object tag they label (to_name), which come from the project's labelling config, not from the file; the
// names read are kept in meta.labelstudio when they differ from the ones written by default, so that a round trip
// gives the project's names back. Span offsets count code points: Label Studio has stored them so since its
// frontend fixed emoji offsets (label-studio#1008), matching Python's view of the text.

import { chooseTextField } from '../tasks';
import { isPlainObject } from '../values';
import { FormatProblem, metaFields, utf16ToCodePoint, type LabelledDoc, type Span } from './document';
import { idValue, type JsonRecord } from './json-records';

export interface LabelStudioNames {
  /** The data field holding the text (`<Text value="$text">`). */
  textField: string;
  /** from_name of span results (`<Labels name="label">`); in JSON-MIN, the field holding every result. */
  labelsFrom: string;
  /** from_name of classification results (`<Choices name="choice">`). */
  choicesFrom: string;
  /** to_name of every result (`<Text name="text">`). */
  toName: string;
}

export const DEFAULT_NAMES: LabelStudioNames = { textField: 'text', labelsFrom: 'label', choicesFrom: 'choice', toName: 'text' };

const META_KEY = 'labelstudio';
const NAME_KEYS = { textField: 'text_field', labelsFrom: 'labels_from', choicesFrom: 'choices_from', toName: 'to_name' } as const;

/** The names a document was read with, defaults for the rest. */
export function namesOf(meta: Record<string, unknown>): LabelStudioNames {
  const kept = labelStudioMeta(meta);
  const name = (key: keyof LabelStudioNames) => {
    const value = kept[NAME_KEYS[key]];
    return typeof value === 'string' && value !== '' ? value : DEFAULT_NAMES[key];
  };
  return { textField: name('textField'), labelsFrom: name('labelsFrom'), choicesFrom: name('choicesFrom'), toName: name('toName') };
}

/** Meta with the names that differ from the defaults, and `extra` (other task fields), under meta.labelstudio. */
export function withLabelStudioMeta(
  meta: Record<string, unknown>,
  names: Partial<LabelStudioNames>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const kept: Record<string, unknown> = { ...extra };
  for (const key of Object.keys(NAME_KEYS) as (keyof LabelStudioNames)[]) {
    const value = names[key];
    if (value !== undefined && value !== DEFAULT_NAMES[key]) kept[NAME_KEYS[key]] = value;
  }
  return Object.keys(kept).length === 0 ? meta : { ...meta, [META_KEY]: kept };
}

export function labelStudioMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const kept = meta[META_KEY];
  return isPlainObject(kept) ? kept : {};
}

/** What goes back into a task's data beside the text. */
export function dataMeta(meta: Record<string, unknown>, textField: string): Record<string, unknown> {
  return metaFields(meta, [textField]);
}

/** The field that holds the text: the one given, else the one task import would pick. */
export function chooseLabelStudioTextField(fileName: string, records: { line: number; fields: Record<string, unknown> }[], given: string | undefined): string {
  if (given !== undefined) return given;
  const { columns, textField } = chooseTextField(records.map((record) => ({ kind: 'record', ...record })));
  if (textField !== null) return textField;
  const fields = columns.map((column) => JSON.stringify(column)).join(', ');
  throw new FormatProblem(fileName, null, null, `cannot tell which field holds the text (fields: ${fields}); name the text field`);
}

/** A span region's value, {start, end, labels: [...]}: one span per label, offsets in code points. */
export function readSpanValue(record: JsonRecord, text: string, value: Record<string, unknown>, field: string): Span[] {
  const labels = record.expect(value['labels'], `${field}.labels`, 'a list of labels', isNonEmptyArray);
  return labels.map((label, i) =>
    record.codePointSpan(
      text,
      { start: value['start'], end: value['end'], label },
      { start: `${field}.start`, end: `${field}.end`, label: `${field}.labels[${i}]` },
    ),
  );
}

export function spanValue(text: string, span: Span): Record<string, unknown> {
  return {
    start: utf16ToCodePoint(text, span.start),
    end: utf16ToCodePoint(text, span.end),
    text: text.slice(span.start, span.end),
    labels: [span.label],
  };
}

/**
 * The id each document is written with: its own, else the next whole number no other document has. Label Studio's
 * converter reads every task's "id" (a task without one stops it with KeyError: 'id'), and JSON-MIN records of one
 * task are told apart by it.
 */
export function idsForWriting(docs: readonly Pick<LabelledDoc, 'id'>[]): (string | number)[] {
  const own = docs.map((doc) => (doc.id === null ? null : idValue(doc.id)));
  const taken = new Set(own.filter((id) => typeof id === 'number'));
  let next = 1;
  return own.map((id) => {
    if (id !== null) return id;
    while (taken.has(next)) next++;
    taken.add(next);
    return next;
  });
}

/** completed_by is a user id, or with user details an object of them; JSON-MIN's annotator is an id or an email. */
export function annotatorOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  if (!isPlainObject(value)) return null;
  return annotatorOf(value['email']) ?? annotatorOf(value['id']);
}

function isNonEmptyArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}
