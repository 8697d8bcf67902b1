import { describe, expect, it } from 'vitest';
import { FormatProblem, judgement, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import * as labelstudio from '../../../../src/lib/formats/spans/labelstudio';
import { read, write } from '../../../../src/lib/formats/spans/labelstudio-min';
import { coveredTexts, spanFixture, spanTexts } from './fixtures';

function problemOf(text: string): string {
  try {
    read(text, 'min.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

describe('reading a Label Studio JSON-MIN export of spans', () => {
  const docs = read(spanFixture('labelstudio-min-ner.json'), 'labelstudio-min-ner.json');

  it('makes one task of the records of one id, one annotation per record', () => {
    expect(docs.map((doc) => doc.id)).toEqual(['1', '2', '3']);
    const [first] = docs;
    expect(first?.annotations.map((annotation) => annotation.annotator)).toEqual(['ada@example.org', 'bo@example.org']);
    expect(spanTexts(first!)).toEqual(['ORG:EU', 'MISC:German', 'MISC:British']);
    expect(coveredTexts(first!, first?.annotations[1])).toEqual(['ORG:EU', 'NORP:German']);
  });

  it('keeps the data fields in meta, not the annotation’s own fields', () => {
    expect(docs[0]?.meta).toEqual({ source: 'reuters' });
  });

  it('turns code point offsets into UTF-16 ones', () => {
    expect(spanTexts(docs[1]!)).toEqual(['PER:Marie Curie', 'PER:Marie', 'LOC:東京', 'FLAG:🇵🇱', 'PER:Niels Bohr']);
    expect(docs[1]?.annotations[0]?.spans.at(-1)?.end).toBe(docs[1]?.text.length);
  });

  it('reads a record without results as an annotation without spans', () => {
    expect(docs[2]?.annotations).toEqual([judgement({ annotator: '1' })]);
  });

  it('comes back the same after writing, one record per annotation', () => {
    const written = write(docs);
    expect(read(written, 'again.json')).toEqual(docs);
    const records = JSON.parse(written);
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      source: 'reuters',
      text: docs[0]?.text,
      id: 1,
      label: [
        { start: 0, end: 2, text: 'EU', labels: ['ORG'] },
        { start: 11, end: 17, text: 'German', labels: ['MISC'] },
        { start: 34, end: 41, text: 'British', labels: ['MISC'] },
      ],
      annotator: 'ada@example.org',
    });
    expect(records[2].label[2]).toEqual({ start: 24, end: 26, text: '東京', labels: ['LOC'] });
  });
});

describe('reading a JSON-MIN export of choices', () => {
  const docs = read(spanFixture('labelstudio-min-sentiment.json'), 'labelstudio-min-sentiment.json', { fromName: 'sentiment' });

  it('reads a single choice written as a string and several as {"choices": [...]}', () => {
    expect(docs.map((doc) => doc.annotations.map((annotation) => annotation.labels))).toEqual([[['Negative']], [['Positive', 'Shipping']]]);
    expect(docs[0]?.meta).toEqual({ stars: 1, labelstudio: { labels_from: 'sentiment' } });
  });

  it('writes them back the way Label Studio does, under the same field', () => {
    const records = JSON.parse(write(docs));
    expect(records.map((record: Record<string, unknown>) => record['sentiment'])).toEqual(['Negative', { choices: ['Positive', 'Shipping'] }]);
    expect(read(write(docs), 'again.json', { fromName: 'sentiment' })).toEqual(docs);
  });
});

describe('writing documents from Label Studio JSON', () => {
  const docs = labelstudio.read(spanFixture('labelstudio-ner.json'), 'labelstudio-ner.json');

  it('leaves predictions and cancelled annotations out, as JSON-MIN has no room for them', () => {
    const written = read(write(docs), 'min.json');
    expect(written[0]?.annotations).toEqual([docs[0]?.annotations[0]]);
    expect(written.every((doc) => doc.predictions.length === 0)).toBe(true);
    expect(written[3]).toMatchObject({ text: 'New York City is big', annotations: [] });
  });

  it('writes spans and choices of one annotation in one list', () => {
    const doc: LabelledDoc = { id: null, text: 'Paris', meta: {}, annotations: [judgement({ labels: ['travel'], spans: [{ start: 0, end: 5, label: 'LOC' }] })], predictions: [] };
    expect(JSON.parse(write([doc]))[0].label).toEqual([{ start: 0, end: 5, text: 'Paris', labels: ['LOC'] }, { choices: ['travel'] }]);
    expect(read(write([doc]), 'again.json')).toEqual([{ ...doc, id: '1' }]);
  });

  it('gives a document without an id a running integer id, as Label Studio\'s converter needs one', () => {
    const doc = (text: string, id: string | null): LabelledDoc => ({ id, text, meta: {}, annotations: [judgement({ labels: ['a'] }), judgement({ labels: ['b'] })], predictions: [] });
    const records = JSON.parse(write([doc('one', null), doc('two', '1'), doc('three', null)]));
    expect(records.map((record: { id: unknown }) => record.id)).toEqual([2, 2, 1, 1, 3, 3]);
  });
});

describe('JSON-MIN with any field names, as the project\'s labelling config named them', () => {
  const docs = read(spanFixture('labelstudio-min-any-fields.json'), 'min.json');

  it('finds the text field by its name and the labels in the only other field that can hold them', () => {
    expect(docs.map((doc) => [doc.id, doc.text, doc.annotations.map((annotation) => `${annotation.annotator}:${annotation.labels.join('+')}`)])).toEqual([
      ['1', 'Great value, fast delivery.', ['ada@example.org:Positive', 'bo@example.org:Positive+Shipping']],
      ['2', 'Not looked at yet.', []],
    ]);
    expect(docs[0]?.meta).toEqual({ labelstudio: { text_field: 'review', labels_from: 'verdict' } });
  });

  it('reads the record Label Studio writes for a task nobody annotated as no annotation', () => {
    expect(docs[1]?.annotations).toEqual([]);
  });

  it('writes the same fields back', () => {
    expect(read(write(docs), 'again.json')).toEqual(docs);
    expect(Object.keys(JSON.parse(write(docs))[0])).toEqual(['review', 'id', 'verdict', 'annotator']);
  });

  it('asks which field holds the labels when more than one could, and takes the one named', () => {
    const text = '[{"id": 1, "text": "Fine", "verdict": "Positive", "source": "web", "annotator": 1, "annotation_id": 2}]';
    expect(problemOf(text)).toBe('min.json: cannot tell which field holds the labels (fields: "verdict", "source"); name the label field');
    expect(read(text, 'min.json', { fromName: 'verdict' })[0]).toMatchObject({ meta: { source: 'web' }, annotations: [{ labels: ['Positive'] }] });
  });
});

describe('bad input', () => {
  it('names the record and the field of a result that is not a choice or a span', () => {
    expect(problemOf('[\n{"text": "Paris", "label": [{"start": 0, "end": 5}]}\n]')).toBe(
      'min.json, line 2, field "[0].label[0]": expected a choice, {"choices": [...]} or a span {"start", "end", "labels"}',
    );
    expect(problemOf('[{"text": "Paris", "label": [{"start": 0, "end": 9, "labels": ["LOC"]}]}]')).toBe(
      'min.json, line 1, field "[0].label[0].end": expected a number ≤ text length 5, found 9',
    );
    expect(problemOf('[{"text": "Paris", "label": 4}]')).toBe(
      'min.json, line 1, field "[0].label": expected a choice, {"choices": [...]} or a span {"start", "end", "labels"}',
    );
  });

  it('refuses two records of one task id with different texts', () => {
    expect(problemOf('[\n{"id": 1, "text": "Paris", "label": "a"},\n{"id": 1, "text": "Rome", "label": "b"}\n]')).toBe(
      'min.json, line 3, field "[1].text": expected the same text as the earlier records of task "1"',
    );
  });
});
