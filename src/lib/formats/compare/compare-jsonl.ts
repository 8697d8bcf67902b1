// fieldlabel's own compare file: one task a line with everything the project knows of it, so it re-imports as it
// was written. {"type": "fieldlabel-compare", "version": 1, "id", "messages", "responses": [{id, text, model?}],
// "meta", "rubric" (the project's, on every line so any line stands alone), "judgements": [{"annotator", "status",
// "judgement": {shown, preference, ratings, correction, rationale} | null, "created_at", "updated_at" (ISO 8601 or
// null), "suggestion": {judgement, confidence, model_version, hidden?: true} | null, "suggestion_outcome"}], "verdict": {judgement,
// score, source} | null}.

import { decodeJudgement, encodeJudgement, type Judgement, type Rubric } from '../../domain/compare';
import { readJsonLines, writeJsonLines, type JsonRecord } from '../spans/json-records';
import { isPlainObject } from '../values';
import type { CompareDoc, CompareFile, CompareJudgementRecord, CompareVerdict } from './compare-doc';
import { readMessages, readResponseList } from './fields';
import type { CompareWriteResult } from './pairs';

export const COMPARE_FILE_TYPE = 'fieldlabel-compare';
const VERSION = 1;
const OUTCOMES = ['accepted', 'changed', 'ignored'] as const;

export function write(docs: readonly CompareDoc[], rubric: Rubric | null): CompareWriteResult {
  const lines = docs.map((doc) => ({
    type: COMPARE_FILE_TYPE,
    version: VERSION,
    id: doc.id,
    messages: doc.content.messages,
    responses: doc.content.responses,
    meta: doc.meta,
    rubric,
    judgements: doc.judgements.map((record) => ({
      annotator: record.annotator,
      status: record.status,
      judgement: record.judgement,
      created_at: isoOrNull(record.createdAt),
      updated_at: isoOrNull(record.updatedAt),
      suggestion: record.suggestion && { judgement: record.suggestion.judgement, confidence: record.suggestion.confidence, model_version: record.suggestion.modelVersion, ...(record.suggestion.hidden ? { hidden: true } : {}) },
      suggestion_outcome: record.suggestionOutcome,
    })),
    verdict: doc.verdict,
  }));
  return { output: writeJsonLines(lines), written: lines.length, leftOut: new Map() };
}

export function read(text: string, fileName: string): CompareFile {
  const records = readJsonLines(text, fileName);
  const docs = records.map(readTask);
  const withRubric = records.find((record) => isPlainObject(record.fields['rubric']));
  return { fileName, docs, rubric: withRubric ? (withRubric.fields['rubric'] as Rubric) : null, notes: [] };
}

function readTask(record: JsonRecord): CompareDoc {
  if (record.fields['type'] !== COMPARE_FILE_TYPE) throw record.problem('type', `expected "${COMPARE_FILE_TYPE}"`);
  if (record.fields['version'] !== VERSION) throw record.problem('version', `expected ${VERSION}, the version this app reads`);
  const id = record.fields['id'];
  if (id !== null && typeof id !== 'string') throw record.problem('id', 'expected a string or null');
  const messages = readMessages(record, record.fields['messages'], 'messages');
  const responses = readResponseList(record, 'responses');
  const ids = responses.map((response) => response.id);
  const meta = record.object(record.fields['meta'] ?? {}, 'meta');
  const judgements = record.arrayOrNone('judgements').map((item, index) => readRecord(record, item, `judgements[${index}]`, ids));
  const verdict = record.fields['verdict'] == null ? null : readVerdict(record, ids);
  return { id, line: record.line, content: { messages, responses }, meta, judgements, verdict };
}

function readRecord(record: JsonRecord, value: unknown, path: string, ids: readonly string[]): CompareJudgementRecord {
  const item = record.object(value, path);
  const annotator = item['annotator'];
  if (typeof annotator !== 'string' || annotator === '') throw record.problem(`${path}.annotator`, 'expected a name');
  const status = item['status'];
  if (status !== 'labelled' && status !== 'skipped') throw record.problem(`${path}.status`, 'expected "labelled" or "skipped"');
  const judgement = item['judgement'] === null && status === 'skipped' ? null : judgementAt(record, item['judgement'], `${path}.judgement`, ids);
  const outcome = item['suggestion_outcome'] ?? null;
  if (outcome !== null && !OUTCOMES.includes(outcome as (typeof OUTCOMES)[number])) throw record.problem(`${path}.suggestion_outcome`, 'expected "accepted", "changed", "ignored" or null');
  return {
    annotator,
    status,
    judgement,
    createdAt: timeAt(record, item['created_at'], `${path}.created_at`),
    updatedAt: timeAt(record, item['updated_at'], `${path}.updated_at`),
    suggestion: item['suggestion'] == null ? null : suggestionAt(record, item['suggestion'], `${path}.suggestion`, ids),
    suggestionOutcome: outcome as CompareJudgementRecord['suggestionOutcome'],
  };
}

function suggestionAt(record: JsonRecord, value: unknown, path: string, ids: readonly string[]): CompareJudgementRecord['suggestion'] {
  const suggestion = record.object(value, path);
  const confidence = suggestion['confidence'];
  if (typeof confidence !== 'number') throw record.problem(`${path}.confidence`, 'expected a number');
  const modelVersion = suggestion['model_version'];
  if (typeof modelVersion !== 'string') throw record.problem(`${path}.model_version`, 'expected a string');
  const hidden = suggestion['hidden'];
  if (hidden !== undefined && hidden !== true) throw record.problem(`${path}.hidden`, 'expected true or no field');
  return { judgement: judgementAt(record, suggestion['judgement'], `${path}.judgement`, ids), confidence, modelVersion, ...(hidden ? { hidden } : {}) };
}

function readVerdict(record: JsonRecord, ids: readonly string[]): CompareVerdict {
  const verdict = record.object(record.fields['verdict'], 'verdict');
  const score = verdict['score'] ?? null;
  if (score !== null && typeof score !== 'number') throw record.problem('verdict.score', 'expected a number or null');
  const source = verdict['source'] ?? null;
  if (source !== null && typeof source !== 'string') throw record.problem('verdict.source', 'expected a string or null');
  return { judgement: judgementAt(record, verdict['judgement'], 'verdict.judgement', ids), score, source };
}

/** A judgement object, checked by the same rules as a stored one, and against the task's responses. */
function judgementAt(record: JsonRecord, value: unknown, path: string, ids: readonly string[]): Judgement {
  const decoded = decodeJudgement(JSON.stringify(record.object(value, path)));
  if (typeof decoded === 'string') throw record.problem(path, decoded);
  const unknown = decoded.shown.find((id) => !ids.includes(id));
  if (unknown !== undefined) throw record.problem(`${path}.shown`, `names response ${JSON.stringify(unknown)}, which this task does not have`);
  return JSON.parse(encodeJudgement(decoded)) as Judgement;
}

function timeAt(record: JsonRecord, value: unknown, path: string): number | null {
  if (value === null || value === undefined) return null;
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw record.problem(path, 'expected a date and time (ISO 8601) or null');
  return time;
}

function isoOrNull(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}
