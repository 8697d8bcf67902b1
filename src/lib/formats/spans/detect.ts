// Which labelled-text format a file is in, from its content: the marks each tool leaves in its files. Null means
// none of them — plain tasks, which task import reads (our own JSONL and CSV export included). The reason is shown
// to the user beside the choice, which they may override. The text may be only the head of a large file, cut
// anywhere: a record it cuts short is left out of the sample.

import { isPlainObject } from '../values';
import { namesLabelsById } from './doccano';
import { hasTaskData } from './labelstudio';
import type { LabelFormat } from './format-names';
import { parseTag } from './tags';

export interface DetectedFormat {
  format: LabelFormat;
  /** What gave the format away, e.g. "Label Studio JSON: tasks with data and annotations". */
  reason: string;
}

/** Records looked at: enough to see a format's marks, few enough to stay quick on a large file. */
const SAMPLE = 50;
/** Share of a sample's lines that must be a token and a tag for a file not named .conll to be read as CoNLL. */
const MOSTLY_TAGGED = 0.9;
const CONLL_EXTENSIONS = /\.(conll|conll03|iob|iob2|bio|bilou)$/i;

export function detectLabelledFormat(fileName: string, text: string): DetectedFormat | null {
  const content = text.replace(/^\uFEFF/, '').trimStart();
  if (content.startsWith('[')) return detectJsonArray(content);
  if (content.startsWith('{')) return detectSingleTask(content) ?? detectJsonLines(content);
  return detectTokenLines(fileName, content);
}

/** One Label Studio task, as its importer takes a file that is a single object: it has a "data" object. */
function detectSingleTask(content: string): DetectedFormat | null {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return null;
  }
  return isPlainObject(value) && hasTaskData(value) ? { format: 'labelstudio', reason: `Label Studio JSON: one task with ${taskParts([value])}` } : null;
}

function detectJsonArray(content: string): DetectedFormat | null {
  const records = leadingArrayElements(content).filter(isPlainObject);
  if (records.length === 0) return null;
  // Label Studio's importer takes a task without "data" as its own data, beside wrapped ones; a list of only such
  // tasks is a plain task file, which task import reads.
  const wrapped = records.filter(hasTaskData);
  if (wrapped.length > 0) {
    const unwrapped = wrapped.length < records.length ? ', and tasks that are their own data' : '';
    const old = wrapped.some((record) => Array.isArray(record['completions'])) ? ' (before Label Studio 1.0)' : '';
    return { format: 'labelstudio', reason: `Label Studio JSON: tasks with ${taskParts(wrapped)}${unwrapped}${old}` };
  }
  if (records.some((record) => 'annotation_id' in record && 'annotator' in record)) {
    return { format: 'labelstudio-min', reason: 'Label Studio JSON-MIN: flat records with annotator and annotation_id' };
  }
  // JSON-MIN names its result fields after the project's control tags, so any field may hold them.
  for (const record of records) {
    for (const [field, value] of Object.entries(record)) {
      if (Array.isArray(value) && value.some(isSpanRegion)) {
        return { format: 'labelstudio-min', reason: `Label Studio JSON-MIN: flat records with spans in ${JSON.stringify(field)}` };
      }
      if (isPlainObject(value) && Array.isArray(value['choices'])) {
        return { format: 'labelstudio-min', reason: `Label Studio JSON-MIN: flat records with choices in ${JSON.stringify(field)}` };
      }
    }
  }
  return null;
}

function detectJsonLines(content: string): DetectedFormat | null {
  const records: Record<string, unknown>[] = [];
  for (const line of wholeLines(content)) {
    if (records.length === SAMPLE) break;
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (!isPlainObject(value)) return null;
      records.push(value);
    } catch {
      return null;
    }
  }
  const some = (test: (record: Record<string, unknown>) => boolean) => records.some(test);
  if (some((record) => '_input_hash' in record || '_task_hash' in record)) {
    return { format: 'prodigy', reason: 'Prodigy JSONL: lines with _input_hash and _task_hash' };
  }
  if (some((record) => ['accept', 'reject', 'ignore'].includes(record['answer'] as string))) {
    return { format: 'prodigy', reason: 'Prodigy JSONL: lines with an answer' };
  }
  if (some((record) => Array.isArray(record['spans']) && record['spans'].some(isPlainObject))) {
    return { format: 'prodigy', reason: 'Prodigy JSONL: text with spans' };
  }
  if (some((record) => Array.isArray(record['tokens']) && Array.isArray(record['ner_tags']))) {
    return { format: 'hf', reason: 'Hugging Face JSONL: tokens with ner_tags' };
  }
  if (some((record) => labelList(record).some((item) => Array.isArray(item) && item.length === 3))) {
    return { format: 'doccano', reason: 'doccano JSONL: text with [start, end, label] spans' };
  }
  if (some((record) => labelList(record).some(isEntityObject))) {
    return { format: 'doccano', reason: 'doccano JSONL: text with {start_offset, end_offset, label} spans' };
  }
  if (some((record) => Array.isArray(record['entities']) && record['entities'].some((item) => Array.isArray(item) || isEntityObject(item)))) {
    return { format: 'doccano', reason: 'doccano JSONL: text with "entities" (a relation or intent project)' };
  }
  if (some((record) => Array.isArray(record['cats']) && record['cats'].some((item) => typeof item === 'string'))) {
    return { format: 'doccano', reason: 'doccano JSONL: text with "cats" (an intent project)' };
  }
  if (some(namesLabelsById)) {
    return { format: 'doccano', reason: 'doccano JSONL (before 1.0): "annotations" with label ids and users' };
  }
  if (some((record) => typeof record['text'] === 'string' && Array.isArray(record['label']) && record['label'].every((item) => typeof item === 'string'))) {
    return { format: 'doccano', reason: 'doccano JSONL: text with a list of labels' };
  }
  if (some((record) => typeof record['text'] === 'string' && (Number.isInteger(record['label']) || labelList(record).some(Number.isInteger)))) {
    return { format: 'hf', reason: 'Hugging Face JSONL: text with label indices' };
  }
  if (some((record) => typeof record['text'] === 'string' && typeof record['label'] === 'string')) {
    return { format: 'hf', reason: 'Hugging Face JSONL: text with a label' };
  }
  return null;
}

/** CoNLL: every line a token and a tag (last column), or a -DOCSTART- line; blank lines between sentences. */
function detectTokenLines(fileName: string, content: string): DetectedFormat | null {
  const lines = wholeLines(content).filter((line) => line.trim() !== '').slice(0, SAMPLE * 4);
  if (lines[0]?.startsWith('-DOCSTART-')) return { format: 'conll', reason: 'CoNLL: starts with a -DOCSTART- line' };
  const tags = lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    return columns.length >= 2 ? parseTag(columns[columns.length - 1] as string) : null;
  });
  const readable = tags.filter((tag) => tag !== null);
  if (readable.length === 0) return null;
  const named = CONLL_EXTENSIONS.test(fileName);
  // A few lines of prose may end in a word like "O"; an entity tag, or the file's name, settles it.
  const entities = readable.some((tag) => tag.prefix !== 'O');
  if (readable.length === tags.length) {
    if (entities) return { format: 'conll', reason: 'CoNLL: one token per line with IOB tags' };
    return named ? { format: 'conll', reason: 'CoNLL: one token per line, all tagged O' } : null;
  }
  // A CoNLL file with a slip in it (a mistyped tag, a line without one) must reach the CoNLL reader, which names the
  // line, rather than be taken for plain text and turn every token line into a task.
  if (named || (entities && readable.length >= MOSTLY_TAGGED * tags.length)) {
    return { format: 'conll', reason: 'CoNLL: token lines with IOB tags, though not every line is one' };
  }
  return null;
}

/** The lines of the sample; a last line without its line break may be cut short, unless it is the only one. */
export function wholeLines(content: string): string[] {
  const lines = content.split(/\r\n?|\n/);
  if (lines.length > 1) lines.pop();
  return lines;
}

/**
 * The first elements of a top-level JSON array that are objects or arrays, each parsed on its own, so that a large
 * file is not parsed whole just to be recognised and a head cut off mid-element still shows its first records.
 */
export function leadingArrayElements(content: string): unknown[] {
  const elements: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < content.length && elements.length < SAMPLE; i++) {
    const char = content[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      if (++depth === 2) start = i;
    } else if (char === '}' || char === ']') {
      if (depth-- === 2) {
        try {
          elements.push(JSON.parse(content.slice(start, i + 1)));
        } catch {
          return elements;
        }
      }
    }
  }
  return elements;
}

/** "data, annotations and predictions": the parts the tasks have, for the reason shown. */
function taskParts(tasks: Record<string, unknown>[]): string {
  const parts = ['data', ...['annotations', 'completions', 'predictions'].filter((key) => tasks.some((task) => Array.isArray(task[key])))];
  return parts.length === 1 ? 'data' : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function isEntityObject(value: unknown): boolean {
  return isPlainObject(value) && 'start_offset' in value && 'end_offset' in value;
}

function labelList(record: Record<string, unknown>): unknown[] {
  const list = record['label'] ?? record['labels'];
  return Array.isArray(list) ? list : [];
}

function isSpanRegion(value: unknown): boolean {
  return isPlainObject(value) && 'start' in value && 'end' in value && Array.isArray(value['labels']);
}
