// Label Studio's JSON export of a Pairwise project: a list of tasks (or one task), {"id", "data": {prompt, two
// answers}, "annotations": [{"completed_by", "was_cancelled", "result": [{"type": "pairwise", "from_name",
// "to_name": "text1,text2", "value": {"selected": "left" | "right"}}]}], "predictions": [{"model_version", "score",
// "result"}]}. The Pairwise tag's toName names the two Text tags compared, left then right; their data fields are
// found by those names when the data has them, else as one of the usual pairs (text1/text2, answer1/answer2, …).
// Each annotation becomes a judgement by its completed_by (left is response "a", right "b", shown in that order); a
// cancelled one is a skip; the first prediction with a pairwise result is the model's verdict.
//
// Written in the shape of Label Studio's "Pairwise Classification" template (`<Pairwise name="pw"
// toName="text1,text2"/>` over `<Text name="text1" value="$text1"/>` and text2, plus `<Text name="prompt"
// value="$prompt"/>`): data {prompt, text1 (the first response), text2 (the second)}, one annotation per judgement
// that chose one of the two, {"selected": "left" | "right"} by which of them won, whatever order the annotator saw.
// The Pairwise tag compares two objects and chooses one: ties, both bad, no preference and tasks of 3–4 responses
// are left out and counted; ratings, corrections and rationales are dropped and counted in the note.

import type { ChatMessage, Judgement, ModelResponse } from '../../domain/compare';
import { annotatorOf, idsForWriting } from '../spans/labelstudio-common';
import { idValue, readJsonArray, readJsonObject, startsWithObject, takeId, type JsonRecord } from '../spans/json-records';
import { isPlainObject } from '../values';
import { fileAnnotatorName, preferenceOnly, promptText, type CompareDoc, type CompareFile, type CompareJudgementRecord, type CompareVerdict } from './compare-doc';
import { count, type CompareWriteResult } from './pairs';

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
/** The names written: the template's, with the prompt beside the two texts. */
export const WRITTEN = { fromName: 'pw', left: 'text1', right: 'text2', prompt: 'prompt' } as const;
/** The labelling config the written tasks go with, for Label Studio's Labeling Setup. */
export const PAIRWISE_CONFIG = `<View>
  <Text name="${WRITTEN.prompt}" value="$${WRITTEN.prompt}"/>
  <Pairwise name="${WRITTEN.fromName}" toName="${WRITTEN.left},${WRITTEN.right}"/>
  <Text name="${WRITTEN.left}" value="$${WRITTEN.left}"/>
  <Text name="${WRITTEN.right}" value="$${WRITTEN.right}"/>
</View>`;

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

/** A JSON array of Label Studio tasks, one per task of two responses; see the top of this file. */
export function write(docs: readonly CompareDoc[]): CompareWriteResult {
  const leftOut = new Map<string, number>();
  const dropped = new Map<string, number>();
  const pairs = docs.filter((doc) => {
    if (doc.content.responses.length === 2) return true;
    count(leftOut, 'of a task of 3 or 4 responses', doc.judgements.length);
    return false;
  });
  const ids = idsForWriting(pairs);
  const tasks = pairs.map((doc, i) => writeTask(doc, ids[i] as string | number, leftOut, dropped));
  const kept = [...dropped].map(([what, n]) => `${what} of ${n} judgement${n === 1 ? '' : 's'}`);
  const note = kept.length === 0 ? undefined : `Label Studio's Pairwise keeps the choice only: left out the ${kept.join(', the ')}`;
  return { output: `[\n${tasks.map((task) => JSON.stringify(task)).join(',\n')}\n]\n`, written: tasks.length, leftOut, ...(note === undefined ? {} : { note }) };
}

function writeTask(doc: CompareDoc, id: string | number, leftOut: Map<string, number>, dropped: Map<string, number>): Record<string, unknown> {
  const [left, right] = doc.content.responses as [ModelResponse, ModelResponse];
  const { labelstudio, ...dataMeta } = doc.meta;
  const annotations = doc.judgements.flatMap((record) => {
    const by = { completed_by: idValue(record.annotator), ...times(record) };
    if (record.status === 'skipped' || record.judgement === null) return [{ result: [], was_cancelled: true, ...by }];
    const selected = sideOf(record.judgement, left, right);
    if (typeof selected !== 'string' || selected === 'none') {
      count(leftOut, selected === 'none' ? 'without a preference' : selected.reason);
      return [];
    }
    if (Object.keys(record.judgement.ratings).length > 0) count(dropped, 'ratings');
    if (record.judgement.correction !== null) count(dropped, 'correction');
    if (record.judgement.rationale.trim() !== '') count(dropped, 'rationale');
    return [{ result: [pairwiseRegion(selected)], was_cancelled: false, ...by }];
  });
  const verdict = doc.verdict && sideOf(doc.verdict.judgement, left, right);
  const predictions =
    doc.verdict && (verdict === 'left' || verdict === 'right')
      ? [{ ...(doc.verdict.source === null ? {} : { model_version: doc.verdict.source }), ...(doc.verdict.score === null ? {} : { score: doc.verdict.score }), result: [pairwiseRegion(verdict)] }]
      : [];
  return {
    ...(isPlainObject(labelstudio) ? labelstudio : {}),
    id,
    data: { ...dataMeta, [WRITTEN.prompt]: promptText(doc.content.messages), [WRITTEN.left]: left.text, [WRITTEN.right]: right.text },
    annotations,
    predictions,
  };
}

/** Which side won: the first response is left, whatever order the annotator saw them in. */
function sideOf(judgement: Judgement, left: ModelResponse, right: ModelResponse): 'left' | 'right' | 'none' | { reason: string } {
  const preference = judgement.preference;
  if (preference === null) return 'none';
  if (preference.kind === 'tie') return { reason: 'tie' };
  if (preference.kind === 'both-bad') return { reason: 'both bad' };
  const winner = preference.kind === 'better' ? preference.id : preference.ids[0];
  return winner === left.id ? 'left' : winner === right.id ? 'right' : 'none';
}

function pairwiseRegion(selected: 'left' | 'right'): Record<string, unknown> {
  return { type: 'pairwise', from_name: WRITTEN.fromName, to_name: `${WRITTEN.left},${WRITTEN.right}`, origin: 'manual', value: { selected } };
}

function times(record: CompareJudgementRecord): Record<string, string> {
  return {
    ...(record.createdAt === null ? {} : { created_at: new Date(record.createdAt).toISOString() }),
    ...(record.updatedAt === null ? {} : { updated_at: new Date(record.updatedAt).toISOString() }),
  };
}
