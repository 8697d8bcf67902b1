import { describe, expect, it } from 'vitest';
import { FormatProblem, SpanWriteError } from '../../../../src/lib/formats/spans/document';
import { readHf, writeHf } from '../../../../src/lib/formats/spans/hf';
import { spanDoc, spanFixture, spansOf, spanTexts } from './fixtures';

// The ClassLabel names of the conll2003 dataset on the Hugging Face hub, in order.
const CONLL2003 = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];

function problemOf(text: string, labelNames: string[] = CONLL2003): string {
  try {
    readHf(text, 'train.jsonl', labelNames);
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
