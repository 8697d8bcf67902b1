// Label Studio's JSON export: an array of tasks, {"id", "data": {"text": ...}, "annotations": [...],
// "predictions": [...]}. Each annotation (human) and prediction (model) holds a "result" list of regions,
// {"type", "from_name", "to_name", "value"}: "labels" regions are spans ({start, end, text, labels}, offsets in code
// points), "choices" regions are classification labels. Other region types (textarea, rating, relation, ...) are
// not read. An annotation with was_cancelled is a skipped one; its completed_by is the annotator. A prediction's
// model_version is its annotator and its score is kept. The annotations' own ids and timestamps are not kept.
// Other data fields become meta; other task fields (created_at, project, ...) and the config names seen are kept
// in meta.labelstudio, so that writing Label Studio JSON again gives them back.

import { isPlainObject } from '../values';
import { judgement, type DocJudgement, type LabelledDoc, type Span } from './document';
import { idValue, isNonEmptyString, metaWithout, readJsonArray, takeId, type JsonRecord } from './json-records';
import {
  annotatorOf,
  chooseLabelStudioTextField,
  dataMeta,
  labelStudioMeta,
  namesOf,
  readSpanValue,
  spanValue,
  withLabelStudioMeta,
  type LabelStudioNames,
} from './labelstudio-common';

export interface LabelStudioReadOptions {
  /** The data field holding the text; by default the one task import would pick ("text" when there is one). */
  textField?: string;
}

/** Fields of a task that the model holds; every other one is kept. */
const OWN_TASK_KEYS = ['data', 'annotations', 'completions', 'predictions'];

export function read(text: string, fileName: string, options: LabelStudioReadOptions = {}): LabelledDoc[] {
  const tasks = readJsonArray(text, fileName).map((task) => ({ task, data: task.object(task.fields['data'], 'data') }));
  const dataRecords = tasks.map(({ task, data }) => ({ line: task.line, fields: data }));
  const textField = chooseLabelStudioTextField(fileName, dataRecords, options.textField);
  return tasks.map(({ task, data }) => readTask(task, data, textField));
}

/** One task per line, so that a problem found in the file later points at its task. */
export function write(docs: readonly LabelledDoc[]): string {
  return `[\n${docs.map((doc) => JSON.stringify(writeTask(doc))).join(',\n')}\n]\n`;
}

function readTask(task: JsonRecord, data: Record<string, unknown>, textField: string): LabelledDoc {
  const text = task.expect(data[textField], `data.${textField}`, 'a string', (value) => typeof value === 'string');
  const seen: Partial<LabelStudioNames> = { textField };
  // Label Studio before 1.0 called annotations "completions".
  const key = 'annotations' in task.fields || !('completions' in task.fields) ? 'annotations' : 'completions';
  const annotations = task.arrayOrNone(key).map((value, i) => {
    const annotation = task.object(value, `${key}[${i}]`);
    const content = readResults(task, text, annotation['result'], `${key}[${i}].result`, seen);
    const cancelled = annotation['was_cancelled'] === true || annotation['skipped'] === true;
    return judgement({ annotator: annotatorOf(annotation['completed_by']), ...content, status: cancelled ? 'skipped' : 'labelled' });
  });
  const predictions = task.arrayOrNone('predictions').map((value, i) => {
    const prediction = task.object(value, `predictions[${i}]`);
    const content = readResults(task, text, prediction['result'], `predictions[${i}].result`, seen);
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
function readResults(task: JsonRecord, text: string, value: unknown, field: string, seen: Partial<LabelStudioNames>) {
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
    }
  });
  return { labels: [...labels], spans };
}

function writeTask(doc: LabelledDoc): Record<string, unknown> {
  const names = namesOf(doc.meta);
  const other = labelStudioMeta(doc.meta)['task'];
  return {
    ...(isPlainObject(other) ? other : {}),
    ...(doc.id === null ? {} : { id: idValue(doc.id) }),
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
