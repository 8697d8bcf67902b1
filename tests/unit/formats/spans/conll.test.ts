import { describe, expect, it } from 'vitest';
import { read, write } from '../../../../src/lib/formats/spans/conll';
import { FormatProblem, SpanWriteError } from '../../../../src/lib/formats/spans/document';
import { spanDoc, spanFixture, spansOf, spanTexts } from './fixtures';

function problemOf(text: string): string {
  try {
    read(text, 'train.conll');
  } catch (error) {
    expect(error).toBeInstanceOf(FormatProblem);
    return (error as Error).message;
  }
  throw new Error('expected a FormatProblem');
}

describe('reading a CoNLL-2003 file', () => {
  const docs = read(spanFixture('conll2003-sample.conll'), 'conll2003-sample.conll');

  it('splits documents at -DOCSTART- and sentences at blank lines', () => {
    expect(docs.map((doc) => doc.text)).toEqual([
      'EU rejects German call to boycott British lamb .\nPeter Blackburn',
      'BRUSSELS 1996-08-22',
    ]);
  });

  it('without any -DOCSTART- line, makes each sentence a document of its own', () => {
    const plain = read('Ada B-PER\nwrote O\n\nParis B-LOC\n.\tO\n', 'wnut.conll');
    expect(plain.map((doc) => doc.text)).toEqual(['Ada wrote', 'Paris .']);
    expect(plain.map(spanTexts)).toEqual([['PER:Ada'], ['LOC:Paris']]);
  });

  it('takes the tag from the last column', () => {
    expect(docs.map(spanTexts)).toEqual([['ORG:EU', 'MISC:German', 'MISC:British', 'PER:Peter Blackburn'], ['LOC:BRUSSELS']]);
    expect(spansOf(docs[0])[3]).toEqual({ start: 49, end: 64, label: 'PER' });
  });

  it('comes back the same after writing it as IOB2', () => {
    expect(read(write(docs), 'again.conll')).toEqual(docs);
  });
});

describe('labelled or not', () => {
  it('reads a file with an entity anywhere as labelled data: a document of only O tags is labelled "nothing to mark"', () => {
    const docs = read('-DOCSTART- O\n\nAda B-PER\nwrote O\n\n-DOCSTART- O\n\nIt O\nrained O\n', 'mixed.conll');
    expect(docs.map((doc) => doc.annotations.length)).toEqual([1, 1]);
    expect(docs[1]?.annotations[0]?.spans).toEqual([]);
  });

  it('reads a file where every tag is O as text to label, without annotations', () => {
    const docs = read('-DOCSTART- O\n\nAda O\nwrote O\n\n-DOCSTART- O\n\nIt O\nrained O\n', 'tokens.conll');
    expect(docs.map((doc) => doc.text)).toEqual(['Ada wrote', 'It rained']);
    expect(docs.map((doc) => doc.annotations)).toEqual([[], []]);
  });

  it('gives unlabelled documents back unlabelled after writing them (every token O)', () => {
    const unlabelled = [{ ...spanDoc('Kisumu reported rain', []), annotations: [] }];
    expect(write(unlabelled)).toBe('-DOCSTART- O\n\nKisumu O\nreported O\nrain O\n\n');
    expect(read(write(unlabelled), 'again.conll')).toEqual(unlabelled);
  });
});

describe('reading other tag schemes', () => {
  it('reads BILOU', () => {
    expect(read(spanFixture('bilou.conll'), 'bilou.conll').map(spanTexts)).toEqual([
      ['LOC:New York', 'LOC:United States of America', 'PER:Obama'],
    ]);
  });

  it('reads IOBES from a tab-separated file', () => {
    expect(read(spanFixture('iobes.tsv'), 'iobes.tsv').map(spanTexts)).toEqual([['PER:Angela Merkel', 'PER:Macron', 'LOC:Paris']]);
  });

  it('reads IOB1, where an entity starts with I- and B- only separates two of the same kind', () => {
    expect(read(spanFixture('iob1.conll'), 'iob1.conll').map(spanTexts)).toEqual([['PER:Peter Blackburn', 'PER:Anna', 'PER:Bob']]);
  });

  it('writes them back as IOB2', () => {
    const written = write(read(spanFixture('bilou.conll'), 'bilou.conll'));
    expect(written).toContain('New B-LOC\nYork I-LOC\n');
    expect(written).toContain('Obama B-PER\n');
  });
});

describe('texts beyond ASCII', () => {
  it('keeps emoji, CJK and combining marks inside tokens, with UTF-16 offsets', () => {
    const docs = read('I O\n❤️ O\n東京 B-LOC\ne\u0301te\u0301 O\n👩‍👩‍👧 B-FAM\n', 'x.conll');
    expect(docs[0]?.text).toBe('I ❤️ 東京 e\u0301te\u0301 👩‍👩‍👧');
    expect(spanTexts(docs[0]!)).toEqual(['LOC:東京', 'FAM:👩‍👩‍👧']);
    expect(spansOf(docs[0])[1]).toEqual({ start: 14, end: 22, label: 'FAM' });
    expect(read(write(docs), 'x.conll')).toEqual(docs);
  });
});

describe('writing documents from other formats', () => {
  it('splits a token where a span starts or ends inside it', () => {
    const doc = spanDoc('Visit Paris!', [{ start: 6, end: 11, label: 'LOC' }]);
    expect(write([doc])).toBe('-DOCSTART- O\n\nVisit O\nParis B-LOC\n! O\n\n');
  });

  it('writes a span at the very end of the text', () => {
    const doc = spanDoc('to Paris', [{ start: 3, end: 8, label: 'LOC' }]);
    expect(read(write([doc]), 'x.conll')).toEqual([doc]);
  });

  it('writes a document labelled "nothing to mark" as all O, which reads back labelled beside a document with spans', () => {
    const doc = spanDoc('nothing here', []);
    expect(write([doc])).toBe('-DOCSTART- O\n\nnothing O\nhere O\n\n');
    const withSpans = spanDoc('to Paris', [{ start: 3, end: 8, label: 'LOC' }]);
    expect(read(write([withSpans, doc]), 'x.conll')).toEqual([withSpans, doc]);
  });

  it('refuses overlapping spans, which tags cannot express', () => {
    const doc = spanDoc('New York City', [{ start: 0, end: 8, label: 'LOC' }, { start: 4, end: 13, label: 'LOC' }]);
    expect(() => write([doc])).toThrow(SpanWriteError);
    expect(() => write([doc])).toThrow('document 1: spans "LOC" [0, 8) and "LOC" [4, 13) overlap, which token tags cannot express');
  });

  it('refuses a text containing the -DOCSTART- marker as a word', () => {
    const doc = spanDoc('see -DOCSTART- here', []);
    expect(() => write([doc])).toThrow('document 1: the word -DOCSTART- cannot be written as a token');
  });

  it('refuses a span that crosses a line break', () => {
    const doc = spanDoc('New\nYork', [{ start: 0, end: 8, label: 'LOC' }]);
    expect(() => write([doc])).toThrow('document 1: span "LOC" [0, 8) crosses a line break, which ends a sentence');
  });
});

describe('bad input', () => {
  it('an empty file holds no documents', () => {
    expect(read('', 'empty.conll')).toEqual([]);
    expect(read('-DOCSTART- -X- -X- O\n\n', 'empty.conll')).toEqual([]);
  });

  it('names a line with no tag column', () => {
    expect(problemOf('EU B-ORG\nrejects\n')).toBe('train.conll, line 2: expected a token and a tag separated by white space, found only "rejects"');
  });

  it('names a tag that is in no scheme', () => {
    expect(problemOf('EU B-ORG\n\nrejects X-VERB\n')).toBe(
      'train.conll, line 3, field "tag": expected O or a tag starting with B-, I-, L-, U-, S- or E-, found "X-VERB"',
    );
    expect(problemOf('EU B-\n')).toBe('train.conll, line 1, field "tag": expected O or a tag starting with B-, I-, L-, U-, S- or E-, found "B-"');
  });
});
