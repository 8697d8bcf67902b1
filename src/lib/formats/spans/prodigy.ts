// Prodigy's JSONL: {"text", "spans": [{"start", "end", "label", "token_start"?, "token_end"?}], "answer",
// "_input_hash", "_task_hash", "meta", "tokens"?, ...}. Offsets count code points (Prodigy is Python). Spans may
// overlap. Everything but text, spans and id — the answer, the hashes, Prodigy's own "meta", the tokens — is
// kept in meta and written back; token_start/token_end are recomputed from the tokens when they are there.

import { isPlainObject } from '../values';
import { utf16ToCodePoint, type Span, type SpanDoc } from './document';
import { metaWithout, readJsonLines, takeId, writeJsonLines, type JsonLine } from './json-lines';

const OWN_KEYS = ['id', 'text', 'spans'];
const ANSWERS = ['accept', 'reject', 'ignore'];

export function read(text: string, fileName: string): SpanDoc[] {
  return readJsonLines(text, fileName).map((line) => {
    const docText = line.string('text');
    const values = 'spans' in line.fields ? line.array('spans') : [];
    const spans = values.map((value, i) => readSpan(line, docText, value, i));
    checkAnswerAndHashes(line);
    const { id, rest } = takeId(line.fields);
    return { id, text: docText, spans, meta: metaWithout(rest, OWN_KEYS) };
  });
}

export function write(docs: readonly SpanDoc[]): string {
  return writeJsonLines(
    docs.map((doc) => {
      const tokens = tokenOffsets(doc.meta['tokens']);
      return {
        ...(doc.id === null ? {} : { id: doc.id }),
        text: doc.text,
        spans: doc.spans.map((span) => writeSpan(doc.text, span, tokens)),
        ...metaWithout(doc.meta, OWN_KEYS),
      };
    }),
  );
}

function readSpan(line: JsonLine, text: string, value: unknown, i: number): Span {
  const field = `spans[${i}]`;
  const span = line.expect(value, field, 'an object with start, end and label', isPlainObject);
  return line.codePointSpan(
    text,
    { start: span['start'], end: span['end'], label: span['label'] },
    { start: `${field}.start`, end: `${field}.end`, label: `${field}.label` },
  );
}

function checkAnswerAndHashes(line: JsonLine): void {
  const answer = line.fields['answer'];
  if (answer !== undefined) line.expect(answer, 'answer', '"accept", "reject" or "ignore"', isAnswer);
  for (const key of ['_input_hash', '_task_hash']) {
    const hash = line.fields[key];
    if (hash !== undefined) line.wholeNumber(hash, key);
  }
}

function isAnswer(value: unknown): value is string {
  return typeof value === 'string' && ANSWERS.includes(value);
}

function writeSpan(text: string, span: Span, tokens: { start: number; end: number }[] | null): Record<string, unknown> {
  const start = utf16ToCodePoint(text, span.start);
  const end = utf16ToCodePoint(text, span.end);
  const tokenStart = tokens?.findIndex((token) => token.start === start) ?? -1;
  const tokenEnd = tokens?.findIndex((token) => token.end === end) ?? -1;
  const onTokens = tokenStart >= 0 && tokenEnd >= tokenStart;
  return { start, end, ...(onTokens ? { token_start: tokenStart, token_end: tokenEnd } : {}), label: span.label };
}

/** Prodigy's tokens carry code point offsets; null unless every one of them does. */
function tokenOffsets(value: unknown): { start: number; end: number }[] | null {
  if (!Array.isArray(value)) return null;
  const offsets = value.map((token) =>
    isPlainObject(token) && Number.isInteger(token['start']) && Number.isInteger(token['end'])
      ? { start: token['start'] as number, end: token['end'] as number }
      : null,
  );
  return offsets.every((offset) => offset !== null) ? (offsets as { start: number; end: number }[]) : null;
}
