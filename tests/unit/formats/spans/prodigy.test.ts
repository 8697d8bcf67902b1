import { describe, expect, it } from 'vitest';
import { FormatProblem } from '../../../../src/lib/formats/spans/document';
import { read, write } from '../../../../src/lib/formats/spans/prodigy';
import { spanFixture, spansOf, spanTexts } from './fixtures';

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
    expect(docs[1]?.meta['rejected']).toEqual({ spans: [] });
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
});
