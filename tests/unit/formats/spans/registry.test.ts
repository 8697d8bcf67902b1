import { describe, expect, it } from 'vitest';
import { SpanWriteError, type LabelledDoc } from '../../../../src/lib/formats/spans/document';
import { isLabelFormat, LABEL_FORMATS, readLabelled, writeLabelled, type LabelFormat, type ReadOptions } from '../../../../src/lib/formats/spans/registry';
import { otherToolFormats } from '../../../../src/lib/formats/spans/format-names';
import { coveredTexts, spanFixture, spanTexts } from './fixtures';

const CONLL2003 = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];
const EMOTION = ['sadness', 'joy', 'love', 'anger', 'fear', 'surprise'];

/** Every fixture, in the format it is written in. */
const FIXTURES: [LabelFormat, string, ReadOptions?][] = [
  ['labelstudio', 'labelstudio-ner.json'],
  ['labelstudio', 'labelstudio-sentiment.json'],
  ['labelstudio-min', 'labelstudio-min-ner.json'],
  ['labelstudio-min', 'labelstudio-min-sentiment.json', { fromName: 'sentiment' }],
  ['prodigy', 'prodigy-ner.jsonl'],
  ['prodigy', 'prodigy-textcat.jsonl'],
  ['doccano', 'doccano-sample.jsonl'],
  ['doccano', 'doccano-unicode.jsonl'],
  ['doccano', 'doccano-classification.jsonl'],
  ['conll', 'conll2003-sample.conll'],
  ['conll', 'bilou.conll'],
  ['conll', 'iobes.tsv'],
  ['hf', 'hf-conll2003.jsonl', { labelNames: CONLL2003 }],
  ['hf', 'hf-emotion.jsonl', { labelNames: EMOTION }],
  ['jsonl', 'tasks-export.jsonl'],
  ['csv', 'tasks-export.csv'],
];

function fixtureDocs(format: LabelFormat, name: string, options?: ReadOptions): LabelledDoc[] {
  return readLabelled(format, spanFixture(name), name, options);
}

describe('the formats the command line names', () => {
  it('are these, each with a title', () => {
    expect(Object.keys(LABEL_FORMATS)).toEqual(['labelstudio', 'labelstudio-min', 'prodigy', 'doccano', 'conll', 'hf', 'jsonl', 'csv']);
    expect(LABEL_FORMATS.labelstudio).toBe('Label Studio JSON');
    expect(isLabelFormat('hf')).toBe(true);
    expect(isLabelFormat('toString')).toBe(false);
  });
});

describe('import → export → import gives the same documents', () => {
  it.each(FIXTURES)('%s: %s', (format, name, options) => {
    const docs = fixtureDocs(format, name, options);
    expect(docs.length).toBeGreaterThan(0);
    const written = writeLabelled(format, docs, { labelNames: options?.labelNames, now: 0 });
    expect(readLabelled(format, written, `again-${name}`, options)).toEqual(docs);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const text = `\uFEFF${spanFixture('labelstudio-ner.json')}`;
    expect(readLabelled('labelstudio', text, 'bom.json')).toEqual(fixtureDocs('labelstudio', 'labelstudio-ner.json'));
  });
});

describe('from one format to another', () => {
  const labelstudio = fixtureDocs('labelstudio', 'labelstudio-ner.json');

  it('keeps spans after astral characters where they were, through Prodigy and doccano', () => {
    for (const format of ['prodigy', 'doccano', 'labelstudio-min'] as const) {
      const docs = readLabelled(format, writeLabelled(format, labelstudio), `x.${format}`);
      const doc = docs.find((written) => written.text === labelstudio[1]?.text);
      expect(spanTexts(doc!)).toEqual(spanTexts(labelstudio[1]!));
    }
  });

  it('keeps predictions as predictions through Prodigy, never as labels', () => {
    const docs = readLabelled('prodigy', writeLabelled('prodigy', labelstudio), 'x.jsonl');
    const predicted = docs.filter((doc) => doc.predictions.length > 0);
    expect(predicted.map((doc) => coveredTexts(doc, doc.predictions[0]))).toEqual([
      ['ORG:EU', 'NORP:German'],
      ['LOC:New York', 'LOC:New York City'],
    ]);
    expect(predicted.every((doc) => doc.annotations.length === 0)).toBe(true);
  });

  it('refuses overlapping spans where tags cannot express them, naming the document', () => {
    const overlap = 'document 2: spans "PER" [6, 11) and "PER" [6, 17) overlap, which token tags cannot express';
    expect(() => writeLabelled('conll', labelstudio)).toThrow(SpanWriteError);
    expect(() => writeLabelled('conll', labelstudio)).toThrow(overlap);
    expect(() => writeLabelled('hf', labelstudio)).toThrow(overlap);
  });

  it('writes a CoNLL file into Label Studio and back unchanged', () => {
    const conll = fixtureDocs('conll', 'conll2003-sample.conll');
    expect(readLabelled('conll', writeLabelled('conll', readLabelled('labelstudio', writeLabelled('labelstudio', conll), 'x.json')), 'x.conll')).toEqual(conll);
  });

  it('takes classification labels from Label Studio to doccano and Hugging Face', () => {
    const sentiment = fixtureDocs('labelstudio', 'labelstudio-sentiment.json');
    const labels = (docs: LabelledDoc[]) => docs.map((doc) => doc.annotations.map((annotation) => annotation.labels));
    expect(labels(readLabelled('doccano', writeLabelled('doccano', sentiment), 'x.jsonl'))).toEqual([[['Negative']], [['Positive', 'Shipping']]]);
    expect(writeLabelled('hf', sentiment).split('\n')[1]).toBe('{"id":"22","text":"Great value, fast delivery.","labels":["Positive","Shipping"],"stars":5}');
  });
});

describe('formats for another tool', () => {
  it('offers CoNLL to span projects only, and never our own task export', () => {
    expect(otherToolFormats('spans')).toEqual(['labelstudio', 'labelstudio-min', 'prodigy', 'doccano', 'conll', 'hf']);
    expect(otherToolFormats('single')).toEqual(['labelstudio', 'labelstudio-min', 'prodigy', 'doccano', 'hf']);
    expect(otherToolFormats('multi')).not.toContain('conll');
  });
});
