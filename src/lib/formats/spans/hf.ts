// Hugging Face datasets-style JSONL, one row a line, of two kinds:
// - token classification, {"id": "0", "tokens": [...], "ner_tags": [3, 0, 7, ...]}: tags are indices into the
//   dataset's label list (its ClassLabel names, e.g. ["O", "B-PER", "I-PER", ...]), which the file does not carry,
//   so the caller passes it in; tags written as names ("B-PER") need no list. The text is the tokens joined by one
//   space. Such rows are labelled data: each is one annotation.
// - text classification, {"text": "...", "label": 1}: an index into the class names or the name itself, or
//   "labels": [...] for multi-label datasets. A label of -1 or null is the datasets convention for an unlabelled
//   row (test splits) and reads as no annotation.
// Other fields (pos_tags, chunk_tags, ...) are kept in meta.

import type { TaskType } from '../../domain/types';
import { judgement, metaFields, recordsToWrite, SpanWriteError, type LabelledDoc } from './document';
import { metaWithout, readJsonLines, takeId, writeJsonLines, type JsonRecord } from './json-records';
import { decodeTags, parseTag, TAG_EXPECTATION, tokenizeForIob2, type Tag, type Token } from './tags';

const TOKEN_KEYS = ['id', 'tokens', 'ner_tags'];
// A text row must not carry tokens from another format's meta: read back, it would become a token row.
const TEXT_KEYS = ['id', 'text', 'label', 'labels', 'tokens', 'ner_tags'];
const UNLABELLED = -1;

export function readHf(text: string, fileName: string, labelNames?: readonly string[]): LabelledDoc[] {
  return readJsonLines(text, fileName).map((line) =>
    'tokens' in line.fields || 'ner_tags' in line.fields ? readTokenRow(line, labelNames) : readTextRow(line, labelNames),
  );
}

/**
 * Token rows when any document has spans, else text rows: a dataset has one schema. Token rows need every tag in
 * `labelNames` (see hfTagNames); text rows write label indices when `labelNames` is given, else label names.
 */
export function writeHf(docs: readonly LabelledDoc[], labelNames?: readonly string[]): string {
  if (!hfWritesTokens(docs)) return writeJsonLines(docs.flatMap((doc, docIndex) => textRows(doc, docIndex, labelNames)));
  const indexOf = new Map((labelNames ?? hfTagNames(docs)).map((name, i) => [name, i]));
  return writeJsonLines(docs.flatMap((doc, docIndex) => tokenRows(doc, docIndex, indexOf)));
}

export function hfWritesTokens(docs: readonly LabelledDoc[]): boolean {
  return docs.some((doc) => doc.annotations.some((annotation) => annotation.spans.length > 0));
}

/**
 * The label list a project's Hugging Face file numbers its labels by: a span project's token rows number IOB tags
 * (O, then B- and I- of each label in the project's order); a classification project's rows number its labels.
 */
export function projectHfLabelNames(taskType: TaskType, labelNames: readonly string[]): string[] {
  return taskType === 'spans' ? ['O', ...labelNames.flatMap((name) => [`B-${name}`, `I-${name}`])] : [...labelNames];
}

/** A label list for token rows when the caller has none: O, then B- and I- of every span label, sorted. */
export function hfTagNames(docs: readonly LabelledDoc[]): string[] {
  const labels = new Set(docs.flatMap((doc) => doc.annotations.flatMap((annotation) => annotation.spans.map((span) => span.label))));
  return ['O', ...[...labels].sort().flatMap((label) => [`B-${label}`, `I-${label}`])];
}

function readTokenRow(line: JsonRecord, labelNames: readonly string[] | undefined): LabelledDoc {
  const tokens: Token[] = [];
  line.array('tokens').forEach((value, i) => {
    const token = line.expect(value, `tokens[${i}]`, 'a token without white space', isToken);
    const start = i === 0 ? 0 : (tokens[i - 1] as Token).end + 1;
    tokens.push({ text: token, start, end: start + token.length });
  });
  const values = line.array('ner_tags');
  if (values.length !== tokens.length) {
    throw line.problem('ner_tags', `expected ${tokens.length} tags, one per token, found ${values.length}`);
  }
  const tags = values.map((value, i): Tag => {
    const field = `ner_tags[${i}]`;
    const name = typeof value === 'string' ? value : labelName(line, value, field, labelNames);
    const tag = parseTag(name);
    if (tag === null) {
      const problem =
        typeof value === 'string'
          ? `${TAG_EXPECTATION}, found ${JSON.stringify(name)}`
          : `label ${String(value)} is ${JSON.stringify(name)}: ${TAG_EXPECTATION}`;
      throw line.problem(field, problem);
    }
    return tag;
  });
  const { id, rest } = takeId(line.fields);
  return {
    id,
    text: tokens.map((token) => token.text).join(' '),
    meta: metaWithout(rest, TOKEN_KEYS),
    annotations: [judgement({ spans: decodeTags(tokens, tags) })],
    predictions: [],
  };
}

function readTextRow(line: JsonRecord, labelNames: readonly string[] | undefined): LabelledDoc {
  const text = line.string('text');
  const { label, labels } = line.fields;
  let names: string[] | null = null;
  if (label !== undefined && label !== null && label !== UNLABELLED) {
    names = [typeof label === 'string' && label !== '' ? label : labelName(line, label, 'label', labelNames)];
  } else if (labels !== undefined) {
    names = line.array('labels').map((value, i) =>
      typeof value === 'string' && value !== '' ? value : labelName(line, value, `labels[${i}]`, labelNames),
    );
  }
  const { id, rest } = takeId(line.fields);
  const annotations = names === null ? [] : [judgement({ labels: names })];
  return { id, text, meta: metaWithout(rest, TEXT_KEYS), annotations, predictions: [] };
}

function labelName(line: JsonRecord, value: unknown, field: string, labelNames: readonly string[] | undefined): string {
  const index = line.expect(value, field, 'a label name or index', isWholeNumber);
  if (labelNames === undefined) {
    throw line.problem(field, `found label index ${index}, but no label list was given to name it`);
  }
  const name = labelNames[index];
  if (name === undefined) throw line.problem(field, `expected a label index from 0 to ${labelNames.length - 1}, found ${index}`);
  return name;
}

/** One row per labelled annotation; a document without one is written once with every tag O. */
function tokenRows(doc: LabelledDoc, docIndex: number, indexOf: ReadonlyMap<string, number>): Record<string, unknown>[] {
  return recordsToWrite(doc).map((annotation) => {
    if (annotation !== null && annotation.labels.length > 0) {
      throw new SpanWriteError(docIndex, 'has classification labels, which a row of tokens and ner_tags cannot hold');
    }
    const tagged = tokenizeForIob2({ text: doc.text, spans: annotation?.spans ?? [] }, docIndex).flat();
    const nerTags = tagged.map(({ tag }) => {
      const index = indexOf.get(tag);
      if (index === undefined) throw new SpanWriteError(docIndex, `tag ${JSON.stringify(tag)} is not in the label list`);
      return index;
    });
    return {
      ...(doc.id === null ? {} : { id: doc.id }),
      tokens: tagged.map(({ token }) => token.text),
      ner_tags: nerTags,
      ...metaFields(doc.meta, TOKEN_KEYS),
    };
  });
}

function textRows(doc: LabelledDoc, docIndex: number, labelNames: readonly string[] | undefined): Record<string, unknown>[] {
  const value = (label: string): string | number => {
    if (labelNames === undefined) return label;
    const index = labelNames.indexOf(label);
    if (index === -1) throw new SpanWriteError(docIndex, `label ${JSON.stringify(label)} is not in the label list`);
    return index;
  };
  return recordsToWrite(doc).map((annotation) => {
    const labels = annotation?.labels.map(value);
    return {
      ...(doc.id === null ? {} : { id: doc.id }),
      text: doc.text,
      ...(labels === undefined ? {} : labels.length === 1 ? { label: labels[0] } : { labels }),
      ...metaFields(doc.meta, TEXT_KEYS),
    };
  });
}

function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^\S+$/.test(value);
}

function isWholeNumber(value: unknown): value is number {
  return Number.isInteger(value);
}
