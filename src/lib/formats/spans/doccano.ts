// doccano's JSONL for sequence labelling: {"id": 1, "text": "...", "label": [[start, end, "TAG"], ...]}, newer
// exports spell the key "labels". Offsets count code points (doccano's backend is Python). Spans may overlap.
// Any other field is kept in meta and written back.

import { utf16ToCodePoint, type SpanDoc } from './document';
import { metaWithout, readJsonLines, takeId, writeJsonLines } from './json-lines';

const OWN_KEYS = ['id', 'text', 'label'];

export function read(text: string, fileName: string): SpanDoc[] {
  return readJsonLines(text, fileName).map((line) => {
    const docText = line.string('text');
    const key = 'label' in line.fields || !('labels' in line.fields) ? 'label' : 'labels';
    const triples = key in line.fields ? line.array(key) : [];
    const spans = triples.map((triple, i) => {
      const field = `${key}[${i}]`;
      const items = line.expect(triple, field, 'a [start, end, label] array', Array.isArray);
      if (items.length !== 3) {
        throw line.problem(field, `expected a [start, end, label] array, found ${items.length} items`);
      }
      const [start, end, label] = items;
      const fields = { start: `${field}[0]`, end: `${field}[1]`, label: `${field}[2]` };
      return line.codePointSpan(docText, { start, end, label }, fields);
    });
    const { id, rest } = takeId(line.fields);
    return { id, text: docText, spans, meta: metaWithout(rest, ['text', key]) };
  });
}

export function write(docs: readonly SpanDoc[]): string {
  return writeJsonLines(
    docs.map((doc) => ({
      ...(doc.id === null ? {} : { id: doc.id }),
      text: doc.text,
      label: doc.spans.map((span) => [
        utf16ToCodePoint(doc.text, span.start),
        utf16ToCodePoint(doc.text, span.end),
        span.label,
      ]),
      ...metaWithout(doc.meta, OWN_KEYS),
    })),
  );
}
