// doccano's JSONL, in every layout its projects export and its importer takes (backend/data_export, data_import):
//   sequence labelling, text classification   {"id", "text", "label": [...]}: [start, end, "TAG"] triples and/or label
//                                             strings (older exports: "labels"); the importer also takes spans as
//                                             {"start_offset", "end_offset", "label"} objects
//   relation extraction                       {"id", "text", "entities": [{"id", "start_offset", "end_offset", "label"}],
//                                             "relations": [{"id", "from_id", "to_id", "type"}]}
//   intent detection and slot filling         {"id", "text", "entities": [[start, end, "TAG"]], "cats": ["intent"]}
//   exports of before 1.0                     {"id", "text", "annotations": [{"label": <label id>, "start_offset",
//                                             "end_offset", "user"}], "meta", "annotation_approver"}
// Offsets count JavaScript string units (UTF-16), as doccano's editor does (doccano #2290), not code points. A
// project in doccano's "grapheme mode" counts grapheme clusters instead, which no file says: such files are not read
// right. Spans may overlap. Relations have no place in the model: they are counted in the report, not kept. doccano
// writes `"label": []` for documents nobody labelled, so an empty or missing list reads as no annotation. Any other
// field is kept in meta and written back.

import { isPlainObject } from '../values';
import { judgement, metaFields, recordsToWrite, type DocJudgement, type LabelledDoc, type Span } from './document';
import { idValue, isNonEmptyString, metaWithout, readJsonLines, takeId, writeJsonLines, type JsonRecord } from './json-records';
import { ReadReport } from './read-report';

export interface DoccanoReadOptions {
  /** Exports of before 1.0: the name of each label id, as doccano numbered its labels ({"1": "PER", ...}). */
  labelIds?: Readonly<Record<string, string>>;
}

const LABEL_KEYS = ['label', 'labels', 'entities', 'cats', 'annotations'];
/** Relations are left out, so they are never written back beside entities they point at by ids not written. */
const OWN_KEYS = ['id', 'text', 'relations', ...LABEL_KEYS];
const RELATIONS = { one: 'doccano relation', many: 'doccano relations' };

/** Where this format keeps its labels, for the report on a file without any. */
export const LABELS_FROM = '"label", "labels", "entities", "cats" or "annotations"';

export function read(text: string, fileName: string, options: DoccanoReadOptions = {}, report = new ReadReport(LABELS_FROM)): LabelledDoc[] {
  return readJsonLines(text, fileName).map((line) => {
    const docText = line.string('text');
    const labels: string[] = [];
    const spans: Span[] = [];
    for (const key of ['label', 'labels']) {
      line.arrayOrNone(key).forEach((item, i) => {
        if (typeof item === 'string') labels.push(line.label(item, `${key}[${i}]`));
        else spans.push(readSpan(line, docText, item, `${key}[${i}]`, 'a label or a [start, end, label] array'));
      });
    }
    line.arrayOrNone('entities').forEach((item, i) => spans.push(readSpan(line, docText, item, `entities[${i}]`, 'a [start, end, label] array or an entity object')));
    line.arrayOrNone('cats').forEach((item, i) => labels.push(line.label(item, `cats[${i}]`)));
    const relations = line.arrayOrNone('relations').length;
    if (relations > 0) report.drop(RELATIONS, relations);
    const annotations = [
      ...(labels.length + spans.length > 0 ? [judgement({ labels, spans })] : []),
      ...readUserAnnotations(line, docText, options.labelIds),
    ];
    const { id, rest } = takeId(line.fields);
    return { id, text: docText, meta: metaWithout(rest, OWN_KEYS), annotations, predictions: [] };
  });
}

/**
 * One line per labelled annotation; a document without one is written once with an empty list. Labels and spans of
 * one annotation go out as an intent project's "cats" and "entities": in one "label" list doccano would keep only
 * the half its project type reads.
 */
export function write(docs: readonly LabelledDoc[]): string {
  return writeJsonLines(
    docs.flatMap((doc) =>
      recordsToWrite(doc).map((annotation) => ({
        ...(doc.id === null ? {} : { id: idValue(doc.id) }),
        text: doc.text,
        ...labelFields(annotation),
        ...metaFields(doc.meta, OWN_KEYS),
      })),
    ),
  );
}

function labelFields(annotation: DocJudgement | null): Record<string, unknown> {
  const labels = annotation?.labels ?? [];
  const spans = (annotation?.spans ?? []).map((span) => [span.start, span.end, span.label]);
  if (labels.length > 0 && spans.length > 0) return { cats: labels, entities: spans };
  return { label: spans.length > 0 ? spans : labels };
}

/** A span as a [start, end, label] triple or a {start_offset, end_offset, label} object. */
function readSpan(line: JsonRecord, text: string, item: unknown, field: string, expected: string): Span {
  if (Array.isArray(item)) {
    if (item.length !== 3) throw line.problem(field, `expected a [start, end, label] array, found ${item.length} items`);
    const [start, end, label] = item;
    return line.utf16Span(text, { start, end, label }, { start: `${field}[0]`, end: `${field}[1]`, label: `${field}[2]` });
  }
  const entity = line.expect(item, field, expected, (value): value is Record<string, unknown> => isPlainObject(value) && 'start_offset' in value);
  return entitySpan(line, text, entity, entity['label'], field);
}

function entitySpan(line: JsonRecord, text: string, entity: Record<string, unknown>, label: unknown, field: string): Span {
  return line.utf16Span(
    text,
    { start: entity['start_offset'], end: entity['end_offset'], label },
    { start: `${field}.start_offset`, end: `${field}.end_offset`, label: `${field}.label` },
  );
}

/** Whether a record is of an export of before 1.0, naming its labels by id ("annotations": [{"label": 3, ...}]). */
export function namesLabelsById(fields: Record<string, unknown>): boolean {
  const annotations = fields['annotations'];
  return Array.isArray(annotations) && annotations.some((item) => isPlainObject(item) && Number.isInteger(item['label']));
}

/** Label ids given as "id=name" entries ("1=PER"), or null when an entry is not one. */
export function parseLabelIds(entries: readonly string[]): Record<string, string> | null {
  const pairs = entries.map((entry) => /^\s*(\d+)\s*=\s*(\S(?:.*\S)?)\s*$/.exec(entry));
  if (pairs.length === 0 || pairs.some((pair) => pair === null)) return null;
  return Object.fromEntries(pairs.map((pair) => [String(Number(pair?.[1])), pair?.[2] as string]));
}

/** Exports of before 1.0: one annotation object per label, each naming its label by id and its user; one judgement per user. */
function readUserAnnotations(line: JsonRecord, text: string, labelIds: DoccanoReadOptions['labelIds']): DocJudgement[] {
  const byUser = new Map<string | null, DocJudgement>();
  line.arrayOrNone('annotations').forEach((item, i) => {
    const field = `annotations[${i}]`;
    const annotation = line.object(item, field);
    const name = labelName(line, annotation['label'], `${field}.label`, labelIds);
    const user = annotation['user'];
    const annotator = typeof user === 'number' || isNonEmptyString(user) ? String(user) : null;
    let judged = byUser.get(annotator);
    if (!judged) byUser.set(annotator, (judged = judgement({ annotator })));
    if ('start_offset' in annotation || 'end_offset' in annotation) judged.spans.push(entitySpan(line, text, annotation, name, field));
    else judged.labels.push(name);
  });
  return [...byUser.values()];
}

function labelName(line: JsonRecord, value: unknown, field: string, labelIds: DoccanoReadOptions['labelIds']): string {
  const id = line.wholeNumber(value, field);
  if (labelIds === undefined || Object.keys(labelIds).length === 0) {
    throw line.problem(field, `found label id ${id}, but no label ids were given to name it; give each as id=name, like 1=PER, 2=ORG`);
  }
  const name = Object.hasOwn(labelIds, String(id)) ? labelIds[String(id)] : undefined;
  if (name === undefined) {
    const given = Object.entries(labelIds).map(([key, label]) => `${key}=${label}`).join(', ');
    throw line.problem(field, `found label id ${id}, which the label ids given (${given}) do not name`);
  }
  return name;
}
