import { describe, expect, it } from 'vitest';
import { read, write } from '../../../../src/lib/formats/spans/doccano';
import { FormatProblem, judgement, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { spanFixture, spansOf, spanTexts } from './fixtures';

function problemOf(text: string): string {
  try {
    read(text, 'doccano.jsonl');
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

describe('reading a doccano export', () => {
  const docs = read(spanFixture('doccano-sample.jsonl'), 'doccano-sample.jsonl');

  it('reads the text, the id and the [start, end, label] triples', () => {
    expect(docs.map((doc) => doc.id)).toEqual(['1', '2', '3']);
    expect(docs.map(spanTexts)).toEqual([['ORG:EU', 'MISC:German', 'MISC:British'], ['PERSON:Peter Blackburn'], ['PERSON:Obama']]);
  });

  it('keeps the other fields in meta', () => {
    expect(docs[0]?.meta).toEqual({ Comments: [] });
  });

  it('comes back the same after writing', () => {
    expect(read(write(docs), 'again.jsonl')).toEqual(docs);
  });
});

describe('texts beyond ASCII, with the newer "labels" key', () => {
  const docs = read(spanFixture('doccano-unicode.jsonl'), 'doccano-unicode.jsonl');

  it('turns code point offsets into UTF-16 ones, keeping overlapping spans and a span at the very end', () => {
    expect(spanTexts(docs[0]!)).toEqual(['EMOJI:👩‍🔬', 'PER:Marie Curie', 'PER:Marie', 'FLAG:🇵🇱', 'LOC:東京', 'PER:Zoe\u0301', 'LANG:Python']);
    expect(spansOf(docs[0]).at(-1)?.end).toBe(docs[0]?.text.length);
    expect(spansOf(docs[0])[0]).toEqual({ start: 0, end: 5, label: 'EMOJI' });
  });

  it('reads an empty label list as a document nobody labelled, as doccano exports those', () => {
    expect(docs[1]).toEqual({ id: null, text: 'no entities here', meta: {}, annotations: [], predictions: [] });
  });

  it('writes code points again, under "label"', () => {
    const first = JSON.parse(write(docs).split('\n')[0]!);
    expect(first.label[6]).toEqual([45, 51, 'LANG']);
    expect(first.label[3]).toEqual([16, 18, 'FLAG']);
    expect(read(write(docs), 'again.jsonl')).toEqual(docs);
  });
});

describe('reading a doccano text classification export', () => {
  const docs = read(spanFixture('doccano-classification.jsonl'), 'doccano-classification.jsonl');

  it('reads label strings as classification labels, beside spans in the same list', () => {
    expect(docs.map((doc) => doc.annotations.map((annotation) => annotation.labels))).toEqual([[['negative']], [['positive', 'shipping']], [['mixed']], []]);
    expect(spanTexts(docs[2]!)).toEqual(['LOC:東京', 'OBJECT:📦']);
    expect(docs[2]?.annotations[0]?.spans.at(-1)?.end).toBe(docs[2]?.text.length);
  });

  it('comes back the same after writing, labels before spans', () => {
    expect(read(write(docs), 'again.jsonl')).toEqual(docs);
    expect(JSON.parse(write(docs).split('\n')[2]!).label).toEqual(['mixed', [30, 32, 'LOC'], [49, 50, 'OBJECT']]);
  });

  it('writes one line per labelled annotation, and leaves skipped ones and predictions out', () => {
    const doc: LabelledDoc = {
      id: '9',
      text: 'ok',
      meta: {},
      annotations: [judgement({ labels: ['a'] }), judgement({ labels: ['b'] }), judgement({ status: 'skipped' })],
      predictions: [judgement({ labels: ['c'] })],
    };
    expect(write([doc])).toBe('{"id":"9","text":"ok","label":["a"]}\n{"id":"9","text":"ok","label":["b"]}\n');
  });
});

describe('bad input', () => {
  it('names the line and the field', () => {
    expect(problemOf('{"text": "abc", "label": []}\n\n{"text": "Paris", "label": [[0, 5, "LOC"], [3, 9, "LOC"]]}')).toBe(
      'doccano.jsonl, line 3, field "label[1][1]": expected a number ≤ text length 5, found 9',
    );
    expect(problemOf('{"text": "Paris", "label": [[3, 2, "LOC"]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][1]": expected a number ≥ 4 (after start), found 2',
    );
    expect(problemOf('{"text": "Paris", "label": [[-1, 2, "LOC"]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][0]": expected a number ≥ 0, found -1',
    );
    expect(problemOf('{"text": "Paris", "label": [["0", 2, "LOC"]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][0]": expected a whole number, found "0"',
    );
    expect(problemOf('{"text": "Paris", "label": [[0, 2, ""]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][2]": expected a label, found an empty string',
    );
    expect(problemOf('{"text": "Paris", "label": [7]}')).toBe(
      'doccano.jsonl, line 1, field "label[0]": expected a label or a [start, end, label] array, found 7',
    );
    expect(problemOf('{"text": "Paris", "label": [[0, 2]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0]": expected a [start, end, label] array, found 2 items',
    );
    expect(problemOf('{"text": "Paris", "label": {"0": 1}}')).toBe('doccano.jsonl, line 1, field "label": expected an array, found an object');
    expect(problemOf('{"label": []}')).toBe('doccano.jsonl, line 1, field "text": expected a string, found undefined');
  });

  it('names a line that is not a JSON object', () => {
    expect(problemOf('{"text": "a"}\n[1, 2]')).toBe('doccano.jsonl, line 2: expected a JSON object, found an array');
    expect(problemOf('{"text": "a"')).toMatch(/^doccano\.jsonl, line 1: not valid JSON \(.+\)$/);
  });

  it('counts code points, not UTF-16 units, against the text length', () => {
    expect(problemOf('{"text": "😀😀", "label": [[0, 3, "X"]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][1]": expected a number ≤ text length 2, found 3',
    );
  });
});
