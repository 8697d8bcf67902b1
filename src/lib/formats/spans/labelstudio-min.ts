// Label Studio's JSON-MIN export: an array of flat records, one per annotation (cancelled ones are left out), each
// the task's data fields plus "id" (the task's), one field per control tag named by its from_name, "annotator",
// "annotation_id", "created_at", "updated_at" and "lead_time"; a task nobody annotated is one record whose annotator
// and annotation_id are null. The result field (`chooseLabelField`, unless told) holds a choice as a plain string,
// several choices as {"choices": [...]}, spans as a list of {start, end, text, labels} (offsets in code points); we
// read any mix of these in one list. Records with the same id are one task annotated by several people. Predictions
// are not part of JSON-MIN.

import { isPlainObject } from '../values';
import { FormatProblem, judgement, recordsToWrite, type LabelledDoc, type Span } from './document';
import { idValue, metaWithout, readJsonArray, takeId, type JsonRecord } from './json-records';
import {
  annotatorOf,
  chooseLabelStudioTextField,
  dataMeta,
  DEFAULT_NAMES,
  idsForWriting,
  namesOf,
  readSpanValue,
  spanValue,
  withLabelStudioMeta,
} from './labelstudio-common';
import { ReadReport } from './read-report';

export interface LabelStudioMinReadOptions {
  /** The field holding the text; by default the one task import would pick ("text" when there is one). */
  textField?: string;
  /** The field holding the results, the control tag's name in the labelling config (default "label"). */
  fromName?: string;
}

const ANNOTATION_KEYS = ['annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement'];

export function read(text: string, fileName: string, options: LabelStudioMinReadOptions = {}, report = new ReadReport('the result field')): LabelledDoc[] {
  const records = readJsonArray(text, fileName);
  const textField = chooseLabelStudioTextField(fileName, records.map(dataOnly), options.textField);
  const resultField = options.fromName ?? chosenLabelField(fileName, records, textField);
  report.labelsFrom = `the field "${resultField}"`;
  const docs: LabelledDoc[] = [];
  const byId = new Map<string, LabelledDoc>();
  for (const record of records) {
    const docText = record.expect(record.fields[textField], textField, 'a string', (value) => typeof value === 'string');
    const { id, rest } = takeId(record.fields);
    let doc = id === null ? undefined : byId.get(id);
    if (doc === undefined) {
      const meta = withLabelStudioMeta(metaWithout(rest, [textField, resultField, ...ANNOTATION_KEYS]), { textField, labelsFrom: resultField });
      doc = { id, text: docText, meta, annotations: [], predictions: [] };
      docs.push(doc);
      if (id !== null) byId.set(id, doc);
    } else if (doc.text !== docText) {
      throw record.problem(textField, `expected the same text as the earlier records of task ${JSON.stringify(id)}`);
    }
    // A task nobody annotated is written once, with a null annotator and annotation_id and no result field.
    const annotated = record.fields[resultField] !== undefined || [record.fields['annotation_id'], record.fields['annotator']].some((value) => value !== undefined && value !== null);
    if (annotated) {
      const content = readResult(record, docText, record.fields[resultField], resultField);
      doc.annotations.push(judgement({ annotator: annotatorOf(record.fields['annotator']), ...content }));
    }
  }
  return docs;
}

/** A record without the annotation's own fields, which are never the text. */
export function dataOnly<T extends { fields: Record<string, unknown> }>(record: T): T {
  return { ...record, fields: metaWithout(record.fields, ANNOTATION_KEYS) };
}

/** The fields that could hold the results, and the one that clearly does (null when the user must pick). */
export interface LabelFieldChoice {
  candidates: string[];
  labelField: string | null;
}

/**
 * Which field holds the results, chosen as a text column is: JSON-MIN names it after the control tag (`<Choices
 * name="sentiment">`), so any name can. The one named "label" (Label Studio's templates and our own writer use it),
 * else the only field holding spans or {"choices": [...]}, else the only field that could hold a result at all:
 * not the text, the id or the annotation's own fields, and only strings, lists or {"choices"} objects in it.
 */
export function chooseLabelField(records: readonly { fields: Record<string, unknown> }[], textField: string): LabelFieldChoice {
  const fields = [...new Set(records.flatMap((record) => Object.keys(record.fields)))];
  const values = (field: string) => records.map((record) => record.fields[field]).filter((value) => value !== undefined && value !== null);
  const candidates = fields.filter(
    (field) => field !== textField && field !== 'id' && !ANNOTATION_KEYS.includes(field) && values(field).length > 0 && values(field).every(isResultShaped),
  );
  if (candidates.includes(DEFAULT_NAMES.labelsFrom)) return { candidates, labelField: DEFAULT_NAMES.labelsFrom };
  const structured = candidates.filter((field) => values(field).some((value) => typeof value !== 'string'));
  if (structured.length === 1) return { candidates, labelField: structured[0] as string };
  return { candidates, labelField: candidates.length === 1 ? (candidates[0] as string) : null };
}

function chosenLabelField(fileName: string, records: readonly JsonRecord[], textField: string): string {
  const { candidates, labelField } = chooseLabelField(records, textField);
  if (labelField !== null) return labelField;
  // No field holds a result: nobody annotated anything, and the report says the file holds no labels.
  if (candidates.length === 0) return DEFAULT_NAMES.labelsFrom;
  const listed = candidates.map((field) => JSON.stringify(field)).join(', ');
  throw new FormatProblem(fileName, null, null, `cannot tell which field holds the labels (fields: ${listed}); name the label field`);
}

function isResultShaped(value: unknown): boolean {
  return typeof value === 'string' || Array.isArray(value) || (isPlainObject(value) && Array.isArray(value['choices']));
}

/** One record per labelled annotation; a task without one is written once, without a result field. */
export function write(docs: readonly LabelledDoc[]): string {
  const ids = idsForWriting(docs);
  const records = docs.flatMap((doc, i) => {
    const names = namesOf(doc.meta);
    return recordsToWrite(doc).map((annotation) => ({
      ...dataMeta(doc.meta, names.textField),
      [names.textField]: doc.text,
      id: ids[i],
      ...(annotation === null ? {} : { [names.labelsFrom]: resultValue(doc.text, annotation.labels, annotation.spans) }),
      ...(annotation === null || annotation.annotator === null ? {} : { annotator: idValue(annotation.annotator) }),
    }));
  });
  return `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`;
}

function readResult(record: JsonRecord, text: string, value: unknown, field: string): { labels: string[]; spans: Span[] } {
  const labels: string[] = [];
  const spans: Span[] = [];
  const readItem = (item: unknown, where: string) => {
    if (typeof item === 'string') {
      labels.push(record.label(item, where));
    } else if (isPlainObject(item) && 'choices' in item) {
      const choices = record.expect(item['choices'], `${where}.choices`, 'a list of labels', Array.isArray);
      choices.forEach((choice, i) => labels.push(record.label(choice, `${where}.choices[${i}]`)));
    } else if (isPlainObject(item) && 'labels' in item) {
      spans.push(...readSpanValue(record, text, item, where));
    } else {
      throw record.problem(where, 'expected a choice, {"choices": [...]} or a span {"start", "end", "labels"}');
    }
  };
  if (Array.isArray(value)) value.forEach((item, i) => readItem(item, `${field}[${i}]`));
  else if (value !== undefined && value !== null) readItem(value, field);
  return { labels, spans };
}

/** The shapes Label Studio writes: one choice as a string, several as {"choices": [...]}, spans as a list. */
function resultValue(text: string, labels: readonly string[], spans: readonly Span[]): unknown {
  const regions = spans.map((span) => spanValue(text, span));
  if (regions.length === 0 && labels.length === 1) return labels[0];
  if (regions.length === 0 && labels.length > 1) return { choices: labels };
  return labels.length === 0 ? regions : [...regions, { choices: labels }];
}
