// Token tags shared by the token-per-line formats (CoNLL, Hugging Face ner_tags). Import accepts every common
// scheme — IOB2, IOB1 (an entity may start with I-), BILOU and its IOBES spelling — since files in the wild mix
// them; export always writes IOB2, the scheme every tool reads.

import { SpanWriteError, type Span } from './document';

export interface Token {
  text: string;
  /** UTF-16 offsets in the document text, end exclusive. */
  start: number;
  end: number;
}

export interface TaggedToken {
  token: Token;
  tag: string;
}

type Prefix = 'B' | 'I' | 'L' | 'U' | 'S' | 'E';
export type Tag = { prefix: 'O' } | { prefix: Prefix; label: string };

export const TAG_EXPECTATION = 'expected O or a tag starting with B-, I-, L-, U-, S- or E-';

const TAG = /^([BILUSE])-(\S+)$/;

/** Null when `tag` is in none of the schemes. */
export function parseTag(tag: string): Tag | null {
  if (tag === 'O') return { prefix: 'O' };
  const match = TAG.exec(tag);
  if (match === null) return null;
  return { prefix: match[1] as Prefix, label: match[2] as string };
}

/** The spans of one sentence: an entity never runs on past the sentence's last token. */
export function decodeTags(tokens: readonly Token[], tags: readonly Tag[]): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  const close = () => {
    if (open !== null) spans.push(open);
    open = null;
  };
  tokens.forEach((token, i) => {
    const tag = tags[i] ?? { prefix: 'O' };
    if (tag.prefix === 'O') return close();
    const continues: boolean = open !== null && open.label === tag.label;
    switch (tag.prefix) {
      case 'B':
      case 'U':
      case 'S':
        close();
        open = { start: token.start, end: token.end, label: tag.label };
        if (tag.prefix !== 'B') close();
        return;
      case 'I':
      case 'L':
      case 'E':
        if (continues && open !== null) open.end = token.end;
        else {
          close();
          open = { start: token.start, end: token.end, label: tag.label };
        }
        if (tag.prefix !== 'I') close();
        return;
    }
  });
  close();
  return spans;
}

/**
 * Cuts a document into sentences (its lines) of tokens (runs of non-space characters), splitting a run
 * wherever a span starts or ends inside it, so that every span covers whole tokens. Each token gets its IOB2 tag.
 */
export function tokenizeForIob2(doc: { text: string; spans: readonly Span[] }, docIndex: number): TaggedToken[][] {
  const spans = checkedSpans(doc.text, doc.spans, docIndex);
  const cuts = new Set(spans.flatMap((span) => [span.start, span.end]));
  const sentences: TaggedToken[][] = [];
  let lineStart = 0;
  for (const line of doc.text.split('\n')) {
    const sentence: TaggedToken[] = [];
    for (const run of line.matchAll(/\S+/g)) {
      let start = lineStart + run.index;
      const runEnd = start + run[0].length;
      for (let i = start + 1; i <= runEnd; i++) {
        if (i < runEnd && !cuts.has(i)) continue;
        sentence.push({ token: { text: doc.text.slice(start, i), start, end: i }, tag: 'O' });
        start = i;
      }
    }
    if (sentence.length > 0) sentences.push(sentence);
    lineStart += line.length + 1;
  }
  const tokens = sentences.flat();
  for (const span of spans) {
    const inside = tokens.filter(({ token }) => token.start >= span.start && token.end <= span.end);
    if (inside.length === 0) throw new SpanWriteError(docIndex, `span ${describeSpan(span)} covers only white space`);
    if (doc.text.slice(span.start, span.end).trim().includes('\n')) {
      throw new SpanWriteError(docIndex, `span ${describeSpan(span)} crosses a line break, which ends a sentence`);
    }
    inside.forEach((item, i) => (item.tag = `${i === 0 ? 'B' : 'I'}-${span.label}`));
  }
  return sentences;
}

function checkedSpans(text: string, spans: readonly Span[], docIndex: number): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  sorted.forEach((span, i) => {
    const where = `span ${describeSpan(span)}`;
    const whole = Number.isInteger(span.start) && Number.isInteger(span.end);
    if (!whole || span.start < 0 || span.end > text.length || span.start >= span.end) {
      throw new SpanWriteError(docIndex, `${where} is not a non-empty range inside the text (length ${text.length})`);
    }
    if (!/^\S+$/.test(span.label)) {
      throw new SpanWriteError(docIndex, `${where} has a label that is empty or contains white space`);
    }
    const previous = sorted[i - 1];
    if (previous !== undefined && previous.end > span.start) {
      const both = `spans ${describeSpan(previous)} and ${describeSpan(span)}`;
      throw new SpanWriteError(docIndex, `${both} overlap, which token tags cannot express`);
    }
  });
  return sorted;
}

function describeSpan(span: Span): string {
  return `${JSON.stringify(span.label)} [${span.start}, ${span.end})`;
}
