// Label Studio's JSON export of a Pairwise project: a list of tasks (or one task), {"id", "data": {prompt, two
// answers}, "annotations": [{"completed_by", "was_cancelled", "result": [{"type": "pairwise", "from_name",
// "to_name": "text1,text2", "value": {"selected": "left" | "right"}}]}], "predictions": [{"model_version", "score",
// "result"}]}. The Pairwise tag's toName names the two Text tags compared, left then right; their data fields are
// found by those names when the data has them, else as one of the usual pairs (text1/text2, answer1/answer2, …).
// Each annotation becomes a judgement by its completed_by (left is response "a", right "b", shown in that order); a
// cancelled one is a skip; the first prediction with a pairwise result is the model's verdict.

import type { ChatMessage, ModelResponse } from '../../domain/compare';
import { annotatorOf } from '../spans/labelstudio-common';
import { readJsonArray, readJsonObject, startsWithObject, takeId, type JsonRecord } from '../spans/json-records';
import { isPlainObject } from '../values';
import { fileAnnotatorName, preferenceOnly, type CompareDoc, type CompareFile, type CompareJudgementRecord, type CompareVerdict } from './compare-doc';
import { count } from './pairs';

const ANSWER_PAIRS = [
  ['text1', 'text2'],
  ['answer1', 'answer2'],
  ['response1', 'response2'],
  ['response_a', 'response_b'],
  ['answer_a', 'answer_b'],
  ['left', 'right'],
];
const PROMPT_FIELDS = ['prompt', 'question', 'instruction', 'input', 'query', 'text'];
const SIDES = { left: 'a', right: 'b' } as const;

export function read(text: string, fileName: string): CompareFile {
  const records = startsWithObject(text) ? [readJsonObject(text, fileName)] : readJsonArray(text, fileName);
  const leftOut = new Map<string, number>();
  const docs = records.map((record) => readTask(record, fileAnnotatorName(fileName), leftOut));
  const unread = leftOut.get('no pairwise result') ?? 0;
  const notes = unread === 0 ? [] : [`${unread} annotation${unread === 1 ? ' has' : 's have'} no pairwise result and ${unread === 1 ? 'was' : 'were'} left out.`];
  return { fileName, docs, rubric: null, notes };
}

/** A task to judge with the Pairwise tag though nobody has yet: its data holds a prompt and one of the usual answer pairs. */
export function hasPromptAndAnswerPair(task: Record<string, unknown>): boolean {
  const data = task['data'];
  if (!isPlainObject(data)) return false;
  const pair = ANSWER_PAIRS.find(([left, right]) => typeof data[left as string] === 'string' && typeof data[right as string] === 'string');
  return pair !== undefined && PROMPT_FIELDS.some((key) => !pair.includes(key) && typeof data[key] === 'string');
}

export function hasPairwiseResult(task: Record<string, unknown>): boolean {
  return ['annotations', 'predictions'].some((key) => Array.isArray(task[key]) && task[key].some((item) => isPlainObject(item) && pairwiseResult(item) !== null));
}

function readTask(record: JsonRecord, fileAnnotator: string, leftOut: Map<string, number>): CompareDoc {
  const { id, rest } = takeId(record.fields);
  const data = record.object(rest['data'], 'data');
  const annotations = record.arrayOrNone('annotations');
  const predictions = record.arrayOrNone('predictions');
  const [leftKey, rightKey] = answerFields(record, data, [...annotations, ...predictions]);
  const promptKey = PROMPT_FIELDS.find((key) => key !== leftKey && key !== rightKey && typeof data[key] === 'string' && data[key] !== '');
  if (promptKey === undefined) throw record.problem('data', `expected a prompt beside the two answers, in one of ${PROMPT_FIELDS.map((key) => `"${key}"`).join(', ')}`);
  const messages: ChatMessage[] = [{ role: 'user', content: data[promptKey] as string }];
  const responses: ModelResponse[] = [
    { id: 'a', text: stringAt(record, data, leftKey) },
    { id: 'b', text: stringAt(record, data, rightKey) },
  ];
  const judgements = annotations.flatMap((item, index): CompareJudgementRecord[] => {
    const annotation = record.object(item, `annotations[${index}]`);
    const annotator = annotatorOf(annotation['completed_by']) ?? fileAnnotator;
    const times = { createdAt: timeOf(annotation['created_at']), updatedAt: timeOf(annotation['updated_at']), suggestion: null, suggestionOutcome: null };
    if (annotation['was_cancelled'] === true) return [{ annotator, status: 'skipped', judgement: null, ...times }];
    const selected = selectedSide(record, annotation, `annotations[${index}]`);
    if (selected === null) {
      count(leftOut, 'no pairwise result');
      return [];
    }
    return [{ annotator, status: 'labelled', judgement: preferenceOnly(['a', 'b'], { kind: 'better', id: selected }), ...times }];
  });
  const verdict = predictions.reduce<CompareVerdict | null>((found, item, index) => {
    if (found !== null) return found;
    const prediction = record.object(item, `predictions[${index}]`);
    const selected = selectedSide(record, prediction, `predictions[${index}]`);
    if (selected === null) return null;
    const score = typeof prediction['score'] === 'number' ? prediction['score'] : null;
    const source = typeof prediction['model_version'] === 'string' ? prediction['model_version'] : null;
    return { judgement: preferenceOnly(['a', 'b'], { kind: 'better', id: selected }), score, source };
  }, null);
  const dataRest = Object.fromEntries(Object.entries(data).filter(([key]) => key !== leftKey && key !== rightKey && key !== promptKey));
  const taskRest = Object.fromEntries(Object.entries(rest).filter(([key]) => !['data', 'annotations', 'predictions'].includes(key)));
  const meta = Object.keys(taskRest).length === 0 ? dataRest : { ...dataRest, labelstudio: taskRest };
  return { id, line: record.line, content: { messages, responses }, meta, judgements, verdict };
}

/** The data fields of the left and right answers: the ones toName names, else a usual pair. */
function answerFields(record: JsonRecord, data: Record<string, unknown>, items: unknown[]): [string, string] {
  for (const item of items) {
    const result = isPlainObject(item) ? pairwiseResult(item) : null;
    const names = typeof result?.['to_name'] === 'string' ? result['to_name'].split(',').map((name) => name.trim()) : [];
    if (names.length === 2 && names.every((name) => typeof data[name] === 'string')) return names as [string, string];
  }
  const pair = ANSWER_PAIRS.find(([left, right]) => typeof data[left as string] === 'string' && typeof data[right as string] === 'string');
  if (pair) return pair as [string, string];
  throw record.problem('data', `expected the two answers compared, in fields named by the Pairwise tag's toName or as ${ANSWER_PAIRS.map(([l, r]) => `"${l}"/"${r}"`).join(', ')}`);
}

function pairwiseResult(item: Record<string, unknown>): Record<string, unknown> | null {
  const result = item['result'];
  if (!Array.isArray(result)) return null;
  return (result.find((region) => isPlainObject(region) && region['type'] === 'pairwise') as Record<string, unknown> | undefined) ?? null;
}

function selectedSide(record: JsonRecord, item: Record<string, unknown>, path: string): 'a' | 'b' | null {
  const result = pairwiseResult(item);
  if (result === null) return null;
  const value = isPlainObject(result['value']) ? result['value'] : {};
  const selected = value['selected'];
  if (selected !== 'left' && selected !== 'right') {
    throw record.problem(`${path}.result.value.selected`, `expected "left" or "right", found ${JSON.stringify(selected ?? null)}`);
  }
  return SIDES[selected];
}

function stringAt(record: JsonRecord, data: Record<string, unknown>, key: string): string {
  return record.expect(data[key], `data.${key}`, 'a string', (value): value is string => typeof value === 'string');
}

function timeOf(value: unknown): number | null {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? null : time;
}
