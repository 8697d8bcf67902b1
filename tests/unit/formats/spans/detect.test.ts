import { describe, expect, it } from 'vitest';
import { detectLabelledFormat } from '../../../../src/lib/formats/spans/detect';
import { spanFixture } from './fixtures';

describe('telling the format from the content', () => {
  it.each([
    ['labelstudio-ner.json', 'labelstudio', 'Label Studio JSON: tasks with data, annotations and predictions'],
    ['labelstudio-min-ner.json', 'labelstudio-min', 'Label Studio JSON-MIN: flat records with annotator and annotation_id'],
    ['prodigy-ner.jsonl', 'prodigy', 'Prodigy JSONL: lines with _input_hash and _task_hash'],
    ['doccano-unicode.jsonl', 'doccano', 'doccano JSONL: text with [start, end, label] spans'],
    ['hf-conll2003.jsonl', 'hf', 'Hugging Face JSONL: tokens with ner_tags'],
    ['hf-emotion.jsonl', 'hf', 'Hugging Face JSONL: text with label indices'],
    ['conll2003-sample.conll', 'conll', 'CoNLL: starts with a -DOCSTART- line'],
    ['iobes.tsv', 'conll', 'CoNLL: one token per line with IOB tags'],
    ['labelstudio-unwrapped-choices.json', 'labelstudio', 'Label Studio JSON: tasks with data and annotations, and tasks that are their own data'],
    ['labelstudio-single-task.json', 'labelstudio', 'Label Studio JSON: one task with data, annotations and predictions'],
    ['labelstudio-completions.json', 'labelstudio', 'Label Studio JSON: tasks with data, completions and predictions (before Label Studio 1.0)'],
    ['labelstudio-min-any-fields.json', 'labelstudio-min', 'Label Studio JSON-MIN: flat records with annotator and annotation_id'],
    ['doccano-relations.jsonl', 'doccano', 'doccano JSONL: text with "entities" (a relation or intent project)'],
    ['doccano-intent.jsonl', 'doccano', 'doccano JSONL: text with "entities" (a relation or intent project)'],
    ['doccano-annotations.jsonl', 'doccano', 'doccano JSONL (before 1.0): "annotations" with label ids and users'],
    ['doccano-annotations-classification.jsonl', 'doccano', 'doccano JSONL (before 1.0): "annotations" with label ids and users'],
  ])('%s is %s', (name, format, reason) => {
    expect(detectLabelledFormat(name, spanFixture(name))).toEqual({ format, reason });
  });

  it('recognises files without their tools’ bookkeeping fields', () => {
    expect(detectLabelledFormat('a.json', '[{"text": "Paris", "label": [{"start": 0, "end": 5, "text": "Paris", "labels": ["LOC"]}]}]')?.reason).toBe(
      'Label Studio JSON-MIN: flat records with spans in "label"',
    );
    expect(detectLabelledFormat('a.json', '[{"text": "Paris", "ner": [{"start": 0, "end": 5, "text": "Paris", "labels": ["LOC"]}]}]')?.reason).toBe(
      'Label Studio JSON-MIN: flat records with spans in "ner"',
    );
    expect(detectLabelledFormat('a.json', '[{"review": "Fine", "verdict": {"choices": ["Positive", "Shipping"]}}]')?.reason).toBe(
      'Label Studio JSON-MIN: flat records with choices in "verdict"',
    );
    expect(detectLabelledFormat('a.jsonl', '{"text": "ok", "answer": "accept"}\n')?.reason).toBe('Prodigy JSONL: lines with an answer');
    expect(detectLabelledFormat('a.jsonl', '{"text": "ok", "spans": [{"start": 0, "end": 2, "label": "X"}]}\n')?.reason).toBe('Prodigy JSONL: text with spans');
    expect(detectLabelledFormat('a.jsonl', '{"text": "ok", "label": ["pos"]}\n')?.reason).toBe('doccano JSONL: text with a list of labels');
    expect(detectLabelledFormat('a.jsonl', '{"text": "ok", "label": "pos"}\n')?.reason).toBe('Hugging Face JSONL: text with a label');
    expect(detectLabelledFormat('a.jsonl', '{"text": "ok", "cats": ["pos"]}\n')?.reason).toBe('doccano JSONL: text with "cats" (an intent project)');
    expect(detectLabelledFormat('a.jsonl', '{"text": "Paris", "label": [{"start_offset": 0, "end_offset": 5, "label": "LOC"}]}\n')?.reason).toBe(
      'doccano JSONL: text with {start_offset, end_offset, label} spans',
    );
    expect(detectLabelledFormat('a.json', '{"data": {"text": "ok"}}')?.reason).toBe('Label Studio JSON: one task with data');
  });

  it('works on the head of a large file, cut in the middle of a record', () => {
    const task = (i: number) => JSON.stringify({ id: i, data: { text: `text ${i}` }, annotations: [] });
    const big = `[\n${Array.from({ length: 200 }, (_, i) => task(i)).join(',\n')}\n]`;
    expect(detectLabelledFormat('big.json', big.slice(0, 1000))?.format).toBe('labelstudio');
    const lines = spanFixture('prodigy-ner.jsonl');
    expect(detectLabelledFormat('big.jsonl', lines.slice(0, lines.indexOf('\n') + 40))?.format).toBe('prodigy');
    expect(detectLabelledFormat('big.conll', 'EU B-ORG\nrejects O\nGerm')?.format).toBe('conll');
  });

  it('takes token lines that are all O for CoNLL only when the file is named so', () => {
    expect(detectLabelledFormat('train.conll', 'Nothing O\nhere O\n')?.reason).toBe('CoNLL: one token per line, all tagged O');
    expect(detectLabelledFormat('notes.txt', 'Nothing O\nhere O\n')).toBeNull();
  });
});

describe('a CoNLL file with a slip in it still goes to the CoNLL reader, which names the line', () => {
  const tokenLines = (n: number) => Array.from({ length: n }, (_, i) => `word${i} ${i % 5 === 0 ? 'B-PER' : 'O'}`);
  const slipped = (lines: string[]) => `${lines.join('\n')}\n`;

  it('a mistyped tag among many good lines', () => {
    const lines = tokenLines(40);
    lines[12] = 'German X-MISC';
    expect(detectLabelledFormat('news.txt', slipped(lines))).toEqual({ format: 'conll', reason: 'CoNLL: token lines with IOB tags, though not every line is one' });
  });

  it('any slip in a file named as CoNLL', () => {
    expect(detectLabelledFormat('bad.conll', 'EU B-ORG\nrejects I-ORG\nGerman X-MISC\n\nPeter B-PER\n')?.format).toBe('conll');
  });

  it('but not prose whose lines only now and then end in something tag-like', () => {
    const lines = tokenLines(40);
    for (let i = 0; i < 40; i += 8) lines[i] = `A sentence of prose number ${i}`;
    expect(detectLabelledFormat('notes.txt', slipped(lines))).toBeNull();
    expect(detectLabelledFormat('notes.txt', 'Meet me at gate B-12\nSee you there\n')).toBeNull();
  });
});

describe('plain tasks are left to task import', () => {
  it.each([
    ['our own JSONL export', 'tasks-export.jsonl', spanFixture('tasks-export.jsonl')],
    ['our own CSV export', 'tasks-export.csv', spanFixture('tasks-export.csv')],
    ['a JSON array of texts', 'tasks.json', '[{"id": 1, "text": "Hello"}, "World"]'],
    ['a JSON object that is no Label Studio task', 'config.json', '{\n  "name": "reviews",\n  "labels": ["a", "b"]\n}\n'],
    ['JSON Lines of texts', 'tasks.jsonl', '{"id": 1, "text": "Hello", "stars": 4}\n'],
    ['plain text', 'notes.txt', 'Hello world\nSecond line\n'],
    ['a file that is not JSON after all', 'odd.json', '[not json'],
    ['an empty file', 'empty.txt', ''],
  ])('%s', (_, name, text) => {
    expect(detectLabelledFormat(name, text)).toBeNull();
  });
});
