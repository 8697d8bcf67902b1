// Label Studio's JSON export: an array of tasks, {"id", "data": {"text": ...}, "annotations": [...],
// "predictions": [...]}. Each annotation (human) and prediction (model) holds a "result" list of regions,
// {"type", "from_name", "to_name", "value"}: "labels" regions are spans ({start, end, text, labels}, offsets in code
// points), "choices" regions are classification labels. Regions of other types (relation, textarea, rating, ...) are
// not read; the report counts them by type. An annotation with was_cancelled is a skipped one; its completed_by is the
// annotator. A prediction's model_version is its annotator and its score is kept. The annotations' own ids and
// timestamps are not kept. Other data fields become meta; other task fields (created_at, project, ...) and the config
// names seen are kept in meta.labelstudio, so that writing Label Studio JSON again gives them back.
//
// Read as Label Studio's importer reads a JSON file (data_import/models.py): one task object instead of a list; a task
// whose "data" is missing or empty is its own data (its "id", as in task import, names it); "completions", as
// exports made before Label Studio 1.0 call the annotations.

import { isPlainObject } from '../values';
import { judgement, type DocJudgement, type LabelledDoc, type Span } from './document';
import { idValue, isNonEmptyString, metaWithout, readJsonArray, readJsonObject, startsWithObject, takeId, type JsonRecord } from './json-records';
import {
  annotatorOf,
  chooseLabelStudioTextField,
  dataMeta,
  idsForWriting,
  labelStudioMeta,
  namesOf,
  readSpanValue,
  spanValue,
  withLabelStudioMeta,
  type LabelStudioNames,
} from './labelstudio-common';
import { ReadReport } from './read-report';

export interface LabelStudioReadOptions {
  /** The data field holding the text; by default the one task import would pick ("text" when there is one). */
  textField?: string;
}

/** Fields of a task that the model holds; every other one is kept. */
const OWN_TASK_KEYS = ['data', 'annotations', 'completions', 'predictions'];

/** Where this format keeps its labels, for the report on a file without any. */
export const LABELS_FROM = '"annotations" (results of type "labels" or "choices")';

/** A task and its data object: the task's own "data", or for a task without one, the task itself. */
interface TaskParts {
  task: JsonRecord;
  data: Record<string, unknown>;
  /** How a data field's path begins in messages: "data." for a wrapped task, nothing for one that is its own data. */
  dataPath: string;
}

export function read(text: string, fileName: string, options: LabelStudioReadOptions = {}, report = new ReadReport(LABELS_FROM)): LabelledDoc[] {
  const records = startsWithObject(text) ? [readJsonObject(text, fileName)] : readJsonArray(text, fileName);
  const tasks = records.map(taskParts);
  const dataRecords = tasks.map(({ task, data }) => ({ line: task.line, fields: data }));
  const textField = chooseLabelStudioTextField(fileName, dataRecords, options.textField);
  return tasks.map((parts) => (parts.dataPath === '' ? readDataOnly(parts, textField) : readTask(parts, textField, report)));
}

/** One task per line, so that a problem found in the file later points at its task. */
export function write(docs: readonly LabelledDoc[]): string {
  const ids = idsForWriting(docs);
  return `[\n${docs.map((doc, i) => JSON.stringify(writeTask(doc, ids[i] as string | number))).join(',\n')}\n]\n`;
}

/**
 * Whether Label Studio's importer takes a task as it is (`if not task.get('data')` wraps it whole): its "data" is
 * there and not empty, as Python reads it (null, false, 0, "", {} and [] are empty).
 */
export function isWrapped(task: Record<string, unknown>): boolean {
  const data = task['data'];
  return !(data === undefined || data === null || data === false || data === 0 || data === '' || (typeof data === 'object' && Object.keys(data).length === 0));
}

/** Whether a task is wrapped around a "data" object: a task Label Studio's importer takes as it is. */
export function hasTaskData(task: Record<string, unknown>): boolean {
  return isWrapped(task) && isPlainObject(task['data']);
}

/** What Label Studio reads as a task's data: its "data" object, else the task itself. */
export function dataOf(task: Record<string, unknown>): Record<string, unknown> {
  return hasTaskData(task) ? (task['data'] as Record<string, unknown>) : task;
}

function taskParts(task: JsonRecord): TaskParts {
  if (!isWrapped(task.fields)) return { task, data: task.fields, dataPath: '' };
  return { task, data: task.object(task.fields['data'], 'data'), dataPath: 'data.' };
}

function textOf({ task, data, dataPath }: TaskParts, textField: string): string {
  return task.expect(data[textField], `${dataPath}${textField}`, 'a string', (value) => typeof value === 'string');
}

/** A task that is its own data: a text to label, with the other fields as meta. */
function readDataOnly(parts: TaskParts, textField: string): LabelledDoc {
  const text = textOf(parts, textField);
  const { id, rest } = takeId(parts.data);
  return { id, text, meta: withLabelStudioMeta(metaWithout(rest, [textField]), { textField }), annotations: [], predictions: [] };
}

function readTask(parts: TaskParts, textField: string, report: ReadReport): LabelledDoc {
  const { task, data } = parts;
  const text = textOf(parts, textField);
  const seen: Partial<LabelStudioNames> = { textField };
  const results = (value: unknown, field: string) => readResults(task, text, value, field, seen, report);
  // Label Studio before 1.0 called annotations "completions".
  const key = 'annotations' in task.fields || !('completions' in task.fields) ? 'annotations' : 'completions';
  const annotations = task.arrayOrNone(key).map((value, i) => {
    const annotation = task.object(value, `${key}[${i}]`);
    const content = results(annotation['result'], `${key}[${i}].result`);
    const cancelled = annotation['was_cancelled'] === true || annotation['skipped'] === true;
    return judgement({ annotator: annotatorOf(annotation['completed_by']), ...content, status: cancelled ? 'skipped' : 'labelled' });
  });
  const predictions = task.arrayOrNone('predictions').map((value, i) => {
    const prediction = task.object(value, `predictions[${i}]`);
    const content = results(prediction['result'], `predictions[${i}].result`);
    const score = prediction['score'] ?? null;
    if (score !== null) task.expect(score, `predictions[${i}].score`, 'a number', (v) => typeof v === 'number');
    return judgement({ annotator: annotatorOf(prediction['model_version']), ...content, score: score as number | null });
  });
  const { id, rest } = takeId(task.fields);
  const other = Object.fromEntries(Object.entries(rest).filter(([name]) => !OWN_TASK_KEYS.includes(name)));
  const meta = withLabelStudioMeta(metaWithout(data, [textField]), seen, Object.keys(other).length > 0 ? { task: other } : {});
  return { id, text, meta, annotations, predictions };
}

/** Spans and labels of a result list; `seen` collects the first names met, for meta. */
function readResults(task: JsonRecord, text: string, value: unknown, field: string, seen: Partial<LabelStudioNames>, report: ReadReport) {
  const labels = new Set<string>();
  const spans: Span[] = [];
  const items = value === undefined ? [] : task.expect(value, field, 'an array', Array.isArray);
  items.forEach((item, j) => {
    const region = task.object(item, `${field}[${j}]`);
    const where = `${field}[${j}]`;
    const fromName = isNonEmptyString(region['from_name']) ? region['from_name'] : undefined;
    const toName = isNonEmptyString(region['to_name']) ? region['to_name'] : undefined;
    if (region['type'] === 'labels') {
      // Offsets of a region on another text object would land in the wrong text.
      if (toName !== undefined && seen.toName !== undefined && toName !== seen.toName) {
        throw task.problem(`${where}.to_name`, `expected "${seen.toName}" like the task's other results: one text per task is read`);
      }
      spans.push(...readSpanValue(task, text, task.object(region['value'], `${where}.value`), `${where}.value`));
      seen.labelsFrom ??= fromName;
      seen.toName ??= toName;
    } else if (region['type'] === 'choices') {
      const choices = task.object(region['value'], `${where}.value`)['choices'];
      task.expect(choices, `${where}.value.choices`, 'a list of labels', Array.isArray).forEach((choice, k) => {
        labels.add(task.label(choice, `${where}.value.choices[${k}]`));
      });
      seen.choicesFrom ??= fromName;
      seen.toName ??= toName;
    } else {
      const type = isNonEmptyString(region['type']) ? `"${region['type']}" result` : 'result without a type';
      report.drop({ one: `Label Studio ${type}`, many: `Label Studio ${type.replace('result', 'results')}` });
    }
  });
  return { labels: [...labels], spans };
}

function writeTask(doc: LabelledDoc, id: string | number): Record<string, unknown> {
  const names = namesOf(doc.meta);
  const other = labelStudioMeta(doc.meta)['task'];
  return {
    ...(isPlainObject(other) ? other : {}),
    id,
    data: { [names.textField]: doc.text, ...dataMeta(doc.meta, names.textField) },
    annotations: doc.annotations.map((annotation) => ({
      result: writeResults(doc.text, annotation, names),
      was_cancelled: annotation.status === 'skipped',
      ...(annotation.annotator === null ? {} : { completed_by: idValue(annotation.annotator) }),
    })),
    predictions: doc.predictions.map((prediction) => ({
      ...(prediction.annotator === null ? {} : { model_version: prediction.annotator }),
      ...(prediction.score === null ? {} : { score: prediction.score }),
      result: writeResults(doc.text, prediction, names),
    })),
  };
}

function writeResults(text: string, judged: DocJudgement, names: LabelStudioNames): Record<string, unknown>[] {
  const target = { from_name: names.labelsFrom, to_name: names.toName };
  const spans = judged.spans.map((span) => ({ ...target, type: 'labels', value: spanValue(text, span) }));
  if (judged.labels.length === 0) return spans;
  const choices = { from_name: names.choicesFrom, to_name: names.toName, type: 'choices', value: { choices: judged.labels } };
  return [...spans, choices];
}
