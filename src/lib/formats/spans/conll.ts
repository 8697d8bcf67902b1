// CoNLL-2003 style token-per-line files: `token [other columns...] TAG`, a blank line between sentences and a
// `-DOCSTART-` line between documents. A file without any -DOCSTART- line (WNUT, many IOB exports) holds one
// sentence per document, so each sentence becomes a task rather than the whole file one giant task. The text is
// rebuilt by joining tokens with one space and sentences with "\n"; the other columns (part of speech, chunk) are not
// kept. The format cannot say "not labelled yet", so the file as a whole decides: one with an entity anywhere is
// labelled data, and each document holds one annotation, possibly without spans; one where every tag is O is text
// to label (what a coordinator's tokeniser writes, and what an export of unlabelled tasks gives), and its documents
// come without annotations.

import { createLineSplitter, isBlankLine } from '../lines';
import { FormatProblem, judgement, recordsToWrite, SpanWriteError, type LabelledDoc, type Span } from './document';
import { decodeTags, parseTag, TAG_EXPECTATION, tokenizeForIob2, type Tag, type Token } from './tags';

const DOCSTART = '-DOCSTART-';

export function read(text: string, fileName: string): LabelledDoc[] {
  const splitter = createLineSplitter();
  const lines = [...splitter.push(text.replace(/^\uFEFF/, '')), ...splitter.end()];
  const docs: LabelledDoc[] = [];
  let sentences: string[] = [];
  let spans: Span[] = [];
  let tokens: Token[] = [];
  let tags: Tag[] = [];
  // Offset of the current sentence's first character in the document text being rebuilt.
  let sentenceStart = 0;
  let anySpan = false;

  const endSentence = () => {
    if (tokens.length === 0) return;
    spans.push(...decodeTags(tokens, tags));
    const sentence = tokens.map((token) => token.text).join(' ');
    sentences.push(sentence);
    sentenceStart += sentence.length + 1;
    tokens = [];
    tags = [];
  };
  const endDocument = () => {
    endSentence();
    if (sentences.length > 0) {
      docs.push({ id: null, text: sentences.join('\n'), meta: {}, annotations: [judgement({ spans })], predictions: [] });
      anySpan ||= spans.length > 0;
    }
    sentences = [];
    spans = [];
    sentenceStart = 0;
  };

  const hasDocStarts = lines.some(({ text: lineText }) => lineText.trimStart().startsWith(DOCSTART));
  for (const { text: lineText, line } of lines) {
    if (isBlankLine(lineText)) {
      if (hasDocStarts) endSentence();
      else endDocument();
      continue;
    }
    const columns = lineText.trim().split(/\s+/);
    const token = columns[0] as string;
    if (token === DOCSTART) {
      endDocument();
      continue;
    }
    if (columns.length < 2) {
      const problem = `expected a token and a tag separated by white space, found only ${JSON.stringify(token)}`;
      throw new FormatProblem(fileName, line, null, problem);
    }
    const tagText = columns[columns.length - 1] as string;
    const tag = parseTag(tagText);
    if (tag === null) {
      throw new FormatProblem(fileName, line, 'tag', `${TAG_EXPECTATION}, found ${JSON.stringify(tagText)}`);
    }
    const previous = tokens[tokens.length - 1];
    const start = previous === undefined ? sentenceStart : previous.end + 1;
    tokens.push({ text: token, start, end: start + token.length });
    tags.push(tag);
  }
  endDocument();
  return anySpan ? docs : docs.map((doc) => ({ ...doc, annotations: [] }));
}

/**
 * IOB2, two columns (`token TAG`), every document opened by a -DOCSTART- line; a document annotated by several
 * people is written once per annotation, one without annotations once with every token O.
 */
export function write(docs: readonly LabelledDoc[]): string {
  const out: string[] = [];
  docs.forEach((doc, docIndex) => {
    for (const annotation of recordsToWrite(doc)) writeDocument(out, doc.text, annotation?.spans ?? [], docIndex);
  });
  return out.map((line) => `${line}\n`).join('');
}

function writeDocument(out: string[], text: string, spans: readonly Span[], docIndex: number): void {
  out.push(`${DOCSTART} O`, '');
  for (const sentence of tokenizeForIob2({ text, spans }, docIndex)) {
    for (const { token, tag } of sentence) {
      // Read back, such a token would end the document instead of being part of it.
      if (token.text === DOCSTART) {
        throw new SpanWriteError(docIndex, `the word ${DOCSTART} cannot be written as a token`);
      }
      out.push(`${token.text} ${tag}`);
    }
    out.push('');
  }
}
