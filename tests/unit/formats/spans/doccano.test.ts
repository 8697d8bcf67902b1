import { describe, expect, it } from 'vitest';
import { read, write } from '../../../../src/lib/formats/spans/doccano';
import { FormatProblem, judgement, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { ReadReport } from '../../../../src/lib/formats/spans/read-report';
import { coveredTexts, spanFixture, spansOf, spanTexts } from './fixtures';

function problemOf(text: string, labelIds?: Record<string, string>): string {
  try {
    read(text, 'doccano.jsonl', { labelIds });
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

  it('counts offsets in JavaScript string units, as doccano\'s editor does, keeping overlapping spans and a span at the very end', () => {
    expect(spanTexts(docs[0]!)).toEqual(['EMOJI:👩‍🔬', 'PER:Marie Curie', 'PER:Marie', 'FLAG:🇵🇱', 'LOC:東京', 'PER:Zoe\u0301', 'LANG:Python']);
    expect(spansOf(docs[0]).at(-1)?.end).toBe(docs[0]?.text.length);
    expect(spansOf(docs[0])[0]).toEqual({ start: 0, end: 5, label: 'EMOJI' });
  });

  it('reads an empty label list as a document nobody labelled, as doccano exports those', () => {
    expect(docs[1]).toEqual({ id: null, text: 'no entities here', meta: {}, annotations: [], predictions: [] });
  });

  it('writes the same JavaScript string offsets again, under "label"', () => {
    const first = JSON.parse(write(docs).split('\n')[0]!);
    expect(first.label[6]).toEqual([50, 56, 'LANG']);
    expect(first.label[3]).toEqual([18, 22, 'FLAG']);
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

  it('comes back the same after writing; labels and spans together are written as "cats" and "entities", which doccano reads whole', () => {
    expect(read(write(docs), 'again.jsonl')).toEqual(docs);
    const mixed = JSON.parse(write(docs).split('\n')[2]!);
    expect(mixed).toEqual({ id: 3, text: docs[2]?.text, cats: ['mixed'], entities: [[30, 32, 'LOC'], [49, 51, 'OBJECT']] });
  });

  it('keeps a numeric id numeric', () => {
    expect(JSON.parse(write(docs).split('\n')[0]!).id).toBe(1);
  });

  it('writes one line per labelled annotation, and leaves skipped ones and predictions out', () => {
    const doc: LabelledDoc = {
      id: '9',
      text: 'ok',
      meta: {},
      annotations: [judgement({ labels: ['a'] }), judgement({ labels: ['b'] }), judgement({ status: 'skipped' })],
      predictions: [judgement({ labels: ['c'] })],
    };
    expect(write([doc])).toBe('{"id":9,"text":"ok","label":["a"]}\n{"id":9,"text":"ok","label":["b"]}\n');
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

  it('counts UTF-16 units against the text length, and refuses an offset between the two halves of a character', () => {
    expect(problemOf('{"text": "😀😀", "label": [[0, 5, "X"]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][1]": expected a number ≤ text length 4, found 5',
    );
    expect(problemOf('{"text": "😀😀", "label": [[0, 3, "X"]]}')).toBe(
      'doccano.jsonl, line 1, field "label[0][1]": offset 3 falls between the two halves of "😀", which counts as 2 in JavaScript string units',
    );
  });

  it('names a label id the list does not name, and a file of label ids read without a list', () => {
    const line = '{"text": "Paris", "annotations": [{"label": 7, "start_offset": 0, "end_offset": 5, "user": 1}]}';
    expect(problemOf(line, { '1': 'LOC' })).toBe('doccano.jsonl, line 1, field "annotations[0].label": found label id 7, which the label ids given (1=LOC) do not name');
    expect(problemOf(line)).toBe(
      'doccano.jsonl, line 1, field "annotations[0].label": found label id 7, but no label ids were given to name it; give each as id=name, like 1=PER, 2=ORG',
    );
    expect(problemOf('{"text": "Paris", "annotations": [{"label": 1, "user": 1, "start_offset": 0}]}', { '1': 'LOC' })).toBe(
      'doccano.jsonl, line 1, field "annotations[0].end_offset": expected a whole number, found undefined',
    );
  });
});

describe('doccano\'s relation and intent projects: "entities" and "cats"', () => {
  it('reads entity objects, counting in JavaScript string units after an emoji, and counts the relations it has no place for', () => {
    const report = new ReadReport('a label');
    const docs = read(spanFixture('doccano-relations.jsonl'), 'doccano-relations.jsonl', {}, report);
    expect(docs.map((doc) => doc.id)).toEqual(['41', '42']);
    expect(spanTexts(docs[0]!)).toEqual(['ORG:Google', 'DATE:September 4, 1998', 'PERSON:Larry Page', 'PERSON:Sergey Brin']);
    expect(docs[1]?.annotations).toEqual([]);
    expect(docs[0]?.meta).toEqual({ Comments: [] });
    expect(report.dropped).toEqual([{ kind: { one: 'doccano relation', many: 'doccano relations' }, count: 3 }]);
  });

  it('reads entity triples beside "cats" as one annotation with spans and labels', () => {
    const docs = read(spanFixture('doccano-intent.jsonl'), 'doccano-intent.jsonl');
    expect(docs.map((doc) => doc.annotations.map((annotation) => [annotation.labels, coveredTexts(doc, annotation)]))).toEqual([
      [[['flight'], ['City:Memphis', 'City:Tacoma']]],
      [[['airport'], ['City:Los Angeles']]],
    ]);
    expect(read(write(docs), 'again.jsonl')).toEqual(docs);
  });

  it('reads "label" as a list of entity objects, as doccano\'s importer also takes it', () => {
    const docs = read('{"text": "Visit Paris", "label": [{"start_offset": 6, "end_offset": 11, "label": "LOC"}]}', 'x.jsonl');
    expect(spanTexts(docs[0]!)).toEqual(['LOC:Paris']);
  });
});

describe('doccano exports of before 1.0: "annotations" with label ids and a user each', () => {
  const labelIds = { '1': 'PER', '2': 'ORG', '3': 'MISC', '4': 'negative', '5': 'positive' };

  it('names the labels by their ids and keeps each user as an annotator', () => {
    const docs = read(spanFixture('doccano-annotations.jsonl'), 'doccano-annotations.jsonl', { labelIds });
    expect(docs[0]?.annotations.map((annotation) => [annotation.annotator, coveredTexts(docs[0]!, annotation)])).toEqual([
      ['1', ['ORG:EU', 'MISC:German']],
      ['2', ['ORG:EU']],
    ]);
    expect(docs[1]?.annotations.map((annotation) => [annotation.annotator, coveredTexts(docs[1]!, annotation)])).toEqual([['2', ['PER:Peter Blackburn']]]);
    expect(docs[2]?.annotations).toEqual([]);
    expect(docs[0]?.meta).toEqual({ meta: { source: 'reuters' }, annotation_approver: null });
  });

  it('reads classification labels the same way', () => {
    const docs = read(spanFixture('doccano-annotations-classification.jsonl'), 'x.jsonl', { labelIds });
    expect(docs.map((doc) => doc.annotations.map((annotation) => `${annotation.annotator}:${annotation.labels.join('+')}`))).toEqual([
      ['1:negative', '2:negative'],
      ['1:positive', '2:negative'],
    ]);
  });
});
