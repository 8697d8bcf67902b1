// Prodigy's JSONL: {"text", "spans": [{"start", "end", "label", "token_start"?, "token_end"?}], "label"?,
// "accept"? (the chosen option ids of a choice task), "answer", "_annotator_id"?, "_input_hash", "_task_hash",
// "meta", "tokens"?, ...}. Offsets count code points (Prodigy is Python). Spans may overlap.
//
// One line is one document with at most one judgement: the line's answer decides whose.
// - "accept": an annotation with the spans and labels; "ignore": a skipped annotation.
// - "reject": the annotator said the suggested label or spans are wrong. There is no "not this label" in our model,
//   so it is an annotation with neither labels nor spans, and what was rejected is kept in meta.prodigy.rejected,
//   from which writing Prodigy again restores the rejected line.
// - no answer: a task as it goes into Prodigy; its spans and label are pre-annotations, read as a prediction whose
//   score is the line's score (or Prodigy's meta.score) when there is one.
// Everything else — the hashes, Prodigy's own "meta", the tokens, the options — is kept in meta and written back;
// token_start/token_end are recomputed from the tokens when they are there.

import { isPlainObject } from '../values';
import { judgement, metaFields, utf16ToCodePoint, type DocJudgement, type LabelledDoc, type Span } from './document';
import { isNonEmptyString, metaWithout, readJsonLines, takeId, writeJsonLines, type JsonRecord } from './json-records';

const OWN_KEYS = ['id', 'text', 'spans', 'label', 'accept', 'answer', '_annotator_id'];
const REJECTED_KEYS = ['label', 'accept', 'spans'];
const ANSWERS = ['accept', 'reject', 'ignore'];

export function read(text: string, fileName: string): LabelledDoc[] {
  return readJsonLines(text, fileName).map((line) => {
    const docText = line.string('text');
    const spans = line.arrayOrNone('spans').map((value, i) => readSpan(line, docText, value, i));
    const labels = readLabels(line);
    const answer = readAnswerAndHashes(line);
    const annotator = line.fields['_annotator_id'] === undefined ? null : line.string('_annotator_id');
    const { id, rest } = takeId(line.fields);
    const meta = metaWithout(rest, OWN_KEYS);
    const doc: LabelledDoc = { id, text: docText, meta, annotations: [], predictions: [] };
    if (answer === 'reject') {
      meta['prodigy'] = { rejected: pick(line.fields, REJECTED_KEYS) };
      doc.annotations.push(judgement({ annotator }));
    } else if (answer !== undefined) {
      doc.annotations.push(judgement({ annotator, labels, spans, status: answer === 'ignore' ? 'skipped' : 'labelled' }));
    } else if (labels.length + spans.length > 0) {
      doc.predictions.push(judgement({ labels, spans, score: predictionScore(meta) }));
    }
    return doc;
  });
}

/**
 * One line per annotation (with its answer) and per prediction (without one); a document with neither is written
 * once as a plain task.
 */
export function write(docs: readonly LabelledDoc[]): string {
  return writeJsonLines(
    docs.flatMap((doc) => {
      const tokens = tokenOffsets(doc.meta['tokens']);
      const line = (content: Record<string, unknown>, after: Record<string, unknown> = {}) => ({
        ...(doc.id === null ? {} : { id: doc.id }),
        text: doc.text,
        ...content,
        ...metaFields(doc.meta, OWN_KEYS),
        ...after,
      });
      const annotationLines = doc.annotations.map((annotation) => {
        const rejected = rejectedContent(doc, annotation);
        const answer = annotation.status === 'skipped' ? 'ignore' : rejected === null ? 'accept' : 'reject';
        const who = annotation.annotator === null ? {} : { _annotator_id: annotation.annotator };
        return line(rejected ?? judgementContent(doc, annotation, tokens), { answer, ...who });
      });
      const predictionLines = doc.predictions.map((prediction) => {
        const ownMeta = isPlainObject(doc.meta['meta']) ? doc.meta['meta'] : {};
        const score = prediction.score === null ? {} : { meta: { ...ownMeta, score: prediction.score } };
        return line(judgementContent(doc, prediction, tokens), score);
      });
      const lines = [...annotationLines, ...predictionLines];
      return lines.length > 0 ? lines : [line({})];
    }),
  );
}

function readSpan(line: JsonRecord, text: string, value: unknown, i: number): Span {
  const field = `spans[${i}]`;
  const span = line.expect(value, field, 'an object with start, end and label', isPlainObject);
  return line.codePointSpan(
    text,
    { start: span['start'], end: span['end'], label: span['label'] },
    { start: `${field}.start`, end: `${field}.end`, label: `${field}.label` },
  );
}

/** The top-level label of a classification task, then the options chosen in a choice task. */
function readLabels(line: JsonRecord): string[] {
  const labels = line.fields['label'] === undefined ? [] : [line.label(line.fields['label'], 'label')];
  line.arrayOrNone('accept').forEach((value, i) => {
    labels.push(String(line.expect(value, `accept[${i}]`, 'an option id', isOptionId)));
  });
  return labels;
}

function readAnswerAndHashes(line: JsonRecord): string | undefined {
  const answer = line.fields['answer'];
  if (answer !== undefined) line.expect(answer, 'answer', '"accept", "reject" or "ignore"', isAnswer);
  for (const key of ['_input_hash', '_task_hash']) {
    const hash = line.fields[key];
    if (hash !== undefined) line.wholeNumber(hash, key);
  }
  return answer as string | undefined;
}

/** teach recipes save the model's score at the top and in Prodigy's meta. */
function predictionScore(meta: Record<string, unknown>): number | null {
  if (typeof meta['score'] === 'number') return meta['score'];
  const own = meta['meta'];
  return isPlainObject(own) && typeof own['score'] === 'number' ? own['score'] : null;
}

/** A labelled annotation without labels or spans, on a document read from a rejected line: that line's content. */
function rejectedContent(doc: LabelledDoc, annotation: DocJudgement): Record<string, unknown> | null {
  const own = doc.meta['prodigy'];
  const rejected = isPlainObject(own) ? own['rejected'] : undefined;
  const empty = annotation.status === 'labelled' && annotation.labels.length === 0 && annotation.spans.length === 0;
  return empty && isPlainObject(rejected) ? pick(rejected, REJECTED_KEYS) : null;
}

function pick(fields: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in fields).map((key) => [key, fields[key]]));
}

/**
 * Labels go back the way a choice task holds them (accept, with the option ids it had) or as a single top-level
 * label; spans are written unless the judgement is a classification only.
 */
function judgementContent(doc: LabelledDoc, judged: DocJudgement, tokens: TokenOffsets[] | null): Record<string, unknown> {
  const options = Array.isArray(doc.meta['options']) ? doc.meta['options'] : null;
  const labels = judged.labels;
  const classification =
    options !== null
      ? { accept: labels.map((label) => optionId(options, label)) }
      : labels.length === 1
        ? { label: labels[0] }
        : labels.length > 1
          ? { accept: labels }
          : {};
  const spans = labels.length > 0 && judged.spans.length === 0 ? {} : { spans: judged.spans.map((span) => writeSpan(doc.text, span, tokens)) };
  return { ...classification, ...spans };
}

/** Option ids may be numbers in Prodigy; labels are their string form. */
function optionId(options: unknown[], label: string): unknown {
  const option = options.find((o) => isPlainObject(o) && String(o['id']) === label);
  return isPlainObject(option) ? option['id'] : label;
}

function isAnswer(value: unknown): value is string {
  return typeof value === 'string' && ANSWERS.includes(value);
}

function isOptionId(value: unknown): value is string | number {
  return isNonEmptyString(value) || Number.isInteger(value);
}

interface TokenOffsets {
  start: number;
  end: number;
}

function writeSpan(text: string, span: Span, tokens: TokenOffsets[] | null): Record<string, unknown> {
  const start = utf16ToCodePoint(text, span.start);
  const end = utf16ToCodePoint(text, span.end);
  const tokenStart = tokens?.findIndex((token) => token.start === start) ?? -1;
  const tokenEnd = tokens?.findIndex((token) => token.end === end) ?? -1;
  const onTokens = tokenStart >= 0 && tokenEnd >= tokenStart;
  return { start, end, ...(onTokens ? { token_start: tokenStart, token_end: tokenEnd } : {}), label: span.label };
}

/** Prodigy's tokens carry code point offsets; null unless every one of them does. */
function tokenOffsets(value: unknown): TokenOffsets[] | null {
  if (!Array.isArray(value)) return null;
  const offsets = value.map((token) =>
    isPlainObject(token) && Number.isInteger(token['start']) && Number.isInteger(token['end'])
      ? { start: token['start'] as number, end: token['end'] as number }
      : null,
  );
  return offsets.every((offset) => offset !== null) ? (offsets as TokenOffsets[]) : null;
}
