// doccano's JSONL: {"id": 1, "text": "...", "label": [...]}, newer exports spell the key "labels". The list holds
// [start, end, "TAG"] triples for sequence labelling and plain strings for text classification; both may appear in
// one list. Offsets count code points (doccano's backend is Python). Spans may overlap. doccano writes `"label": []`
// for documents nobody labelled, so an empty or missing list reads as no annotation. Any other field is kept in meta
// and written back.

import { judgement, metaFields, recordsToWrite, utf16ToCodePoint, type LabelledDoc, type Span } from './document';
import { isNonEmptyString, metaWithout, readJsonLines, takeId, writeJsonLines, type JsonRecord } from './json-records';

const OWN_KEYS = ['id', 'text', 'label', 'labels'];

export function read(text: string, fileName: string): LabelledDoc[] {
  return readJsonLines(text, fileName).map((line) => {
    const docText = line.string('text');
    const key = 'label' in line.fields || !('labels' in line.fields) ? 'label' : 'labels';
    const labels: string[] = [];
    const spans: Span[] = [];
    line.arrayOrNone(key).forEach((item, i) => {
      if (Array.isArray(item)) spans.push(readTriple(line, docText, item, `${key}[${i}]`));
      else labels.push(line.expect(item, `${key}[${i}]`, 'a label or a [start, end, label] array', isNonEmptyString));
    });
    const { id, rest } = takeId(line.fields);
    const annotations = labels.length + spans.length > 0 ? [judgement({ labels, spans })] : [];
    return { id, text: docText, meta: metaWithout(rest, ['text', key]), annotations, predictions: [] };
  });
}

/** One line per labelled annotation; a document without one is written once with an empty list. */
export function write(docs: readonly LabelledDoc[]): string {
  return writeJsonLines(
    docs.flatMap((doc) =>
      recordsToWrite(doc).map((annotation) => ({
        ...(doc.id === null ? {} : { id: doc.id }),
        text: doc.text,
        label: [
          ...(annotation?.labels ?? []),
          ...(annotation?.spans ?? []).map((span) => [
            utf16ToCodePoint(doc.text, span.start),
            utf16ToCodePoint(doc.text, span.end),
            span.label,
          ]),
        ],
        ...metaFields(doc.meta, OWN_KEYS),
      })),
    ),
  );
}

function readTriple(line: JsonRecord, text: string, items: unknown[], field: string): Span {
  if (items.length !== 3) throw line.problem(field, `expected a [start, end, label] array, found ${items.length} items`);
  const [start, end, label] = items;
  return line.codePointSpan(text, { start, end, label }, { start: `${field}[0]`, end: `${field}[1]`, label: `${field}[2]` });
}
