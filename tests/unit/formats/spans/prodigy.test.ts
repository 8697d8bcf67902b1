import { describe, expect, it } from 'vitest';
import { FormatProblem, judgement, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { read, write } from '../../../../src/lib/formats/spans/prodigy';
import { coveredTexts, spanFixture, spansOf, spanTexts } from './fixtures';

function problemOf(text: string): string {
  try {
    read(text, 'tasks.jsonl');
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

describe('reading annotations saved by Prodigy', () => {
  const docs = read(spanFixture('prodigy-ner.jsonl'), 'prodigy-ner.jsonl');

  it('reads the text and the spans', () => {
    expect(docs.map(spanTexts)).toEqual([
      ['ORG:Apple'],
      [],
      ['ORG:SpaceX', 'LOC:Cape Canaveral', 'LOC:Canaveral', 'FAC:ISS 宇宙ステーション', 'FAC:宇宙ステーション'],
      [],
    ]);
  });

  it('makes an accepted line an annotation and keeps the hashes and Prodigy’s own meta in meta', () => {
    expect(docs[0]?.annotations).toEqual([{ annotator: null, labels: [], spans: [{ start: 0, end: 5, label: 'ORG' }], status: 'labelled', score: null }]);
    expect(docs[0]?.meta).toMatchObject({
      _input_hash: 1954883431,
      _task_hash: -1339474347,
      meta: { source: 'The Guardian' },
      _view_id: 'ner_manual',
    });
  });

  it('makes a rejected line an annotation without labels, keeping what was rejected in meta', () => {
    expect(docs[1]?.annotations).toEqual([{ annotator: null, labels: [], spans: [], status: 'labelled', score: null }]);
    expect(docs[1]?.meta['prodigy']).toEqual({ rejected: { spans: [] } });
  });

  it('makes an ignored line a skipped annotation, and a line without answer or spans a plain task', () => {
    expect(docs[2]?.annotations.map((annotation) => annotation.status)).toEqual(['skipped']);
    expect(docs[3]).toEqual({ id: null, text: 'Pattern match only', meta: {}, annotations: [], predictions: [] });
  });

  it('turns code point offsets after emoji into UTF-16 ones, keeping overlaps and a span at the very end', () => {
    const spans = spansOf(docs[2]);
    expect(spans[0]).toEqual({ start: 3, end: 9, label: 'ORG' });
    expect(spans.at(-1)?.end).toBe(docs[2]?.text.length);
  });

  it('comes back the same after writing, with code points and token indices', () => {
    const written = write(docs);
    expect(read(written, 'again.jsonl')).toEqual(docs);
    const [first, , third] = written.split('\n').map((line) => (line === '' ? null : JSON.parse(line)));
    expect(first.spans).toEqual([{ start: 0, end: 5, token_start: 0, token_end: 0, label: 'ORG' }]);
    expect(third.spans[4]).toEqual({ start: 52, end: 60, label: 'FAC' });
  });
});

describe('reading text classification saved by Prodigy', () => {
  const docs = read(spanFixture('prodigy-textcat.jsonl'), 'prodigy-textcat.jsonl');

  it('reads an accepted label as an annotation by the line’s _annotator_id', () => {
    expect(docs[0]?.annotations).toEqual([judgement({ annotator: 'news-ada', labels: ['POLITICS'] })]);
  });

  it('reads a rejected label as an annotation without labels, and writes the rejection back', () => {
    expect(docs[1]?.annotations).toEqual([judgement({ annotator: 'news-ada' })]);
    expect(docs[1]?.meta['prodigy']).toEqual({ rejected: { label: 'POLITICS', spans: [] } });
    const line = JSON.parse(write([docs[1]!]));
    expect(line).toMatchObject({ label: 'POLITICS', spans: [], answer: 'reject', _annotator_id: 'news-ada', _task_hash: 504466215 });
    expect(line).not.toHaveProperty('prodigy');
  });

  it('reads the options chosen in a choice task as labels, and writes their ids back as they were', () => {
    expect(docs[2]?.annotations[0]?.labels).toEqual(['SPORTS', '2']);
    expect(JSON.parse(write([docs[2]!])).accept).toEqual(['SPORTS', 2]);
  });

  it('reads lines without an answer as predictions, with the score the model gave', () => {
    expect(docs[3]?.annotations).toEqual([]);
    expect(docs[3]?.predictions).toEqual([judgement({ labels: ['ECONOMY'], score: 0.44 })]);
    expect(coveredTexts(docs[4]!, docs[4]?.predictions[0])).toEqual(['PERSON:Greta Thunberg', 'GPE:Stockholm']);
    expect(docs[4]?.predictions[0]?.score).toBeNull();
  });

  it('reads an ignored line as a skipped annotation', () => {
    expect(docs[5]?.annotations).toEqual([judgement({ annotator: 'news-bo', labels: ['SPORTS'], status: 'skipped' })]);
  });

  it('comes back the same after writing', () => {
    expect(read(write(docs), 'again.jsonl')).toEqual(docs);
  });
});

describe('writing documents from other formats', () => {
  const doc: LabelledDoc = {
    id: 'd1',
    text: 'Ada met Bo',
    meta: {},
    annotations: [
      judgement({ annotator: 'ann-ada', spans: [{ start: 0, end: 3, label: 'PER' }] }),
      judgement({ annotator: 'ann-bo', status: 'skipped' }),
    ],
    predictions: [judgement({ annotator: 'model-3', spans: [{ start: 8, end: 10, label: 'PER' }], score: 0.9 })],
  };

  it('writes one line per annotation with its answer and one per prediction without one', () => {
    const lines = write([doc]).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { id: 'd1', text: 'Ada met Bo', spans: [{ start: 0, end: 3, label: 'PER' }], answer: 'accept', _annotator_id: 'ann-ada' },
      { id: 'd1', text: 'Ada met Bo', spans: [], answer: 'ignore', _annotator_id: 'ann-bo' },
      { id: 'd1', text: 'Ada met Bo', spans: [{ start: 8, end: 10, label: 'PER' }], meta: { score: 0.9 } },
    ]);
  });

  it('writes several labels as accepted options and a document without judgements as a plain task', () => {
    const labelled: LabelledDoc = { ...doc, annotations: [judgement({ labels: ['a', 'b'] })], predictions: [] };
    expect(JSON.parse(write([labelled]))).toEqual({ id: 'd1', text: 'Ada met Bo', accept: ['a', 'b'], answer: 'accept' });
    expect(JSON.parse(write([{ ...doc, annotations: [], predictions: [] }]))).toEqual({ id: 'd1', text: 'Ada met Bo' });
  });
});

describe('bad input', () => {
  it('names the span field that is wrong', () => {
    const text = 'x'.repeat(57);
    expect(problemOf(`{"text": "a"}\n\n\n{"text": "${text}", "spans": [{"start": 0, "end": 3, "label": "A"}, {"start": 5, "end": 80, "label": "B"}]}`)).toBe(
      'tasks.jsonl, line 4, field "spans[1].end": expected a number ≤ text length 57, found 80',
    );
    expect(problemOf('{"text": "abc", "spans": [{"start": 1, "end": 2}]}')).toBe(
      'tasks.jsonl, line 1, field "spans[0].label": expected a label, found undefined',
    );
    expect(problemOf('{"text": "abc", "spans": [{"start": 1.5, "end": 2, "label": "A"}]}')).toBe(
      'tasks.jsonl, line 1, field "spans[0].start": expected a whole number, found 1.5',
    );
    expect(problemOf('{"text": "abc", "spans": [[0, 1, "A"]]}')).toBe(
      'tasks.jsonl, line 1, field "spans[0]": expected an object with start, end and label, found an array',
    );
  });

  it('names an answer or a hash that Prodigy would not write', () => {
    expect(problemOf('{"text": "abc", "answer": "yes"}')).toBe(
      'tasks.jsonl, line 1, field "answer": expected "accept", "reject" or "ignore", found "yes"',
    );
    expect(problemOf('{"text": "abc", "_task_hash": "12"}')).toBe('tasks.jsonl, line 1, field "_task_hash": expected a whole number, found "12"');
  });

  it('names a label, an option or an annotator of the wrong kind', () => {
    expect(problemOf('{"text": "abc", "label": ""}')).toBe('tasks.jsonl, line 1, field "label": expected a label, found an empty string');
    expect(problemOf('{"text": "abc", "accept": [null]}')).toBe('tasks.jsonl, line 1, field "accept[0]": expected an option id, found null');
    expect(problemOf('{"text": "abc", "answer": "accept", "_annotator_id": 7}')).toBe(
      'tasks.jsonl, line 1, field "_annotator_id": expected a string, found 7',
    );
  });
});
