import { describe, expect, it } from 'vitest';
import { FormatProblem, judgement, SpanWriteError, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { hfTagNames, projectHfLabelNames, readHf, writeHf } from '../../../../src/lib/formats/spans/hf';
import { spanDoc, spanFixture, spansOf, spanTexts } from './fixtures';

// The ClassLabel names of the conll2003 dataset on the Hugging Face hub, in order.
const CONLL2003 = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];

/** `null`: no label list given. */
function problemOf(text: string, labelNames: string[] | null = CONLL2003): string {
  try {
    readHf(text, 'train.jsonl', labelNames ?? undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

describe('reading rows of the conll2003 dataset', () => {
  const docs = readHf(spanFixture('hf-conll2003.jsonl'), 'hf-conll2003.jsonl', CONLL2003);

  it('joins the tokens with spaces and turns tag indices into spans', () => {
    expect(docs[0]?.text).toBe('EU rejects German call to boycott British lamb .');
    expect(docs.map(spanTexts)).toEqual([
      ['ORG:EU', 'MISC:German', 'MISC:British'],
      ['PER:Peter Blackburn'],
      ['LOC:BRUSSELS'],
      [],
      ['PER:Marie Curie', 'LOC:東京', 'PER:Zoé'],
    ]);
  });

  it('keeps the id, and the other columns in meta', () => {
    expect(docs[1]).toMatchObject({ id: '1', meta: { pos_tags: [22, 22], chunk_tags: [11, 12] } });
  });

  it('reads a row without tokens as an empty document', () => {
    expect(docs[3]).toMatchObject({ text: '', annotations: [{ spans: [] }] });
  });

  it('places spans after emoji in UTF-16 units, the last one at the very end', () => {
    expect(spansOf(docs[4])[0]).toEqual({ start: 6, end: 17, label: 'PER' });
    expect(spansOf(docs[4])[2]?.end).toBe(docs[4]?.text.length);
  });

  it('reads tags written as names without a label list', () => {
    const [doc] = readHf('{"tokens": ["New", "York", "rocks"], "ner_tags": ["B-LOC", "I-LOC", "O"]}', 'names.jsonl');
    expect(spanTexts(doc!)).toEqual(['LOC:New York']);
  });

  it('comes back the same after writing', () => {
    expect(readHf(writeHf(docs, CONLL2003), 'again.jsonl', CONLL2003)).toEqual(docs);
    expect(writeHf(docs, CONLL2003).split('\n')[1]).toBe(
      '{"id":"1","tokens":["Peter","Blackburn"],"ner_tags":[1,2],"pos_tags":[22,22],"chunk_tags":[11,12]}',
    );
  });
});

describe('writing documents from other formats', () => {
  it('writes combining marks inside their token', () => {
    const doc = spanDoc('Zoe\u0301 went', [{ start: 0, end: 4, label: 'PER' }]);
    expect(writeHf([doc], CONLL2003)).toBe('{"tokens":["Zoe\u0301","went"],"ner_tags":[1,0]}\n');
  });

  it('refuses a label that is not in the label list', () => {
    const doc = spanDoc('Monday', [{ start: 0, end: 6, label: 'DATE' }]);
    expect(() => writeHf([doc], CONLL2003)).toThrow(SpanWriteError);
    expect(() => writeHf([doc], CONLL2003)).toThrow('document 1: tag "B-DATE" is not in the label list');
  });
});

describe('reading text classification rows', () => {
  // The ClassLabel names of the emotion dataset on the Hugging Face hub, in order.
  const EMOTION = ['sadness', 'joy', 'love', 'anger', 'fear', 'surprise'];
  const docs = readHf(spanFixture('hf-emotion.jsonl'), 'hf-emotion.jsonl', EMOTION);

  it('names label indices with the label list, and reads "labels" of multi-label datasets', () => {
    expect(docs.map((doc) => doc.annotations.map((annotation) => annotation.labels))).toEqual([
      [['sadness']],
      [['anger']],
      [],
      [['anger', 'surprise']],
      [['surprise']],
    ]);
    expect(docs[3]).toMatchObject({ id: 'eecwqtt', meta: {} });
  });

  it('reads label -1, the datasets mark of an unlabelled row, as no annotation', () => {
    expect(docs[2]).toEqual({ id: null, text: 'im grabbing a minute to post i feel greedy wrong', meta: {}, annotations: [], predictions: [] });
  });

  it('comes back the same after writing, with indices when the label list is given and names when it is not', () => {
    expect(readHf(writeHf(docs, EMOTION), 'again.jsonl', EMOTION)).toEqual(docs);
    expect(readHf(writeHf(docs), 'again.jsonl')).toEqual(docs);
    expect(writeHf(docs, EMOTION).split('\n')[3]).toBe('{"id":"eecwqtt","text":"Why is the referee ignoring this","labels":[3,5]}');
    expect(writeHf(docs).split('\n')[0]).toBe('{"text":"i didnt feel humiliated","label":"sadness"}');
  });

  it('refuses an index without a label list to name it', () => {
    expect(problemOf('{"text": "a", "label": 2}', null)).toBe(
      'train.jsonl, line 1, field "label": found label index 2, but no label list was given to name it',
    );
    expect(problemOf('{"text": "a", "labels": [1, true]}', EMOTION)).toBe('train.jsonl, line 1, field "labels[1]": expected a label name or index, found true');
  });
});

describe('choosing the kind of row to write', () => {
  const spans = (text: string, label: string): LabelledDoc => ({
    id: null,
    text,
    meta: {},
    annotations: [judgement({ spans: [{ start: 0, end: text.length, label }] })],
    predictions: [],
  });

  it('writes token rows as soon as one document has spans, with a label list made from the span labels', () => {
    const docs = [spans('Paris', 'LOC'), spans('Ada', 'PER'), { ...spans('nothing', 'X'), annotations: [] }];
    expect(hfTagNames(docs)).toEqual(['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER']);
    expect(writeHf(docs)).toBe('{"tokens":["Paris"],"ner_tags":[1]}\n{"tokens":["Ada"],"ner_tags":[3]}\n{"tokens":["nothing"],"ner_tags":[0]}\n');
  });

  it('refuses classification labels in a token row', () => {
    const doc = spans('Paris', 'LOC');
    doc.annotations[0]!.labels = ['travel'];
    expect(() => writeHf([doc])).toThrow('document 1: has classification labels, which a row of tokens and ner_tags cannot hold');
  });

  it('refuses a label missing from the given label list', () => {
    const doc: LabelledDoc = { id: null, text: 'a', meta: {}, annotations: [judgement({ labels: ['joy'] })], predictions: [] };
    expect(() => writeHf([doc], ['anger'])).toThrow('document 1: label "joy" is not in the label list');
  });
});

describe('bad input', () => {
  it('names the field', () => {
    expect(problemOf('{"tokens": ["EU", "rejects"], "ner_tags": [3]}')).toBe(
      'train.jsonl, line 1, field "ner_tags": expected 2 tags, one per token, found 1',
    );
    expect(problemOf('{"tokens": ["EU"], "ner_tags": [3]}\n{"tokens": ["EU"], "ner_tags": [9]}')).toBe(
      'train.jsonl, line 2, field "ner_tags[0]": expected a label index from 0 to 8, found 9',
    );
    expect(problemOf('{"tokens": ["EU"], "ner_tags": [1.5]}')).toBe(
      'train.jsonl, line 1, field "ner_tags[0]": expected a label name or index, found 1.5',
    );
    expect(problemOf('{"tokens": ["EU"], "ner_tags": ["ORG"]}')).toBe(
      'train.jsonl, line 1, field "ner_tags[0]": expected O or a tag starting with B-, I-, L-, U-, S- or E-, found "ORG"',
    );
    expect(problemOf('{"tokens": ["EU"], "ner_tags": [3]}', null)).toBe(
      'train.jsonl, line 1, field "ner_tags[0]": found label index 3, but no label list was given to name it',
    );
    expect(problemOf('{"tokens": ["New York"], "ner_tags": [5]}')).toBe(
      'train.jsonl, line 1, field "tokens[0]": expected a token without white space, found "New York"',
    );
    expect(problemOf('{"ner_tags": []}')).toBe('train.jsonl, line 1, field "tokens": expected an array, found undefined');
  });

  it('names a label list entry that is in no tag scheme', () => {
    expect(problemOf('{"tokens": ["EU"], "ner_tags": [1]}', ['O', 'ORG'])).toBe(
      'train.jsonl, line 1, field "ner_tags[0]": label 1 is "ORG": expected O or a tag starting with B-, I-, L-, U-, S- or E-',
    );
  });
});

describe('a project\'s Hugging Face label numbers', () => {
  it('numbers IOB tags for spans and the labels themselves for classification', () => {
    expect(projectHfLabelNames('spans', ['PER', 'LOC'])).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
    expect(projectHfLabelNames('single', ['sadness', 'joy'])).toEqual(['sadness', 'joy']);
    expect(projectHfLabelNames('multi', ['a'])).toEqual(['a']);
  });
});
