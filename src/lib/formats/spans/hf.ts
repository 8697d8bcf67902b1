// Hugging Face datasets-style JSONL, one sentence a line: {"id": "0", "tokens": [...], "ner_tags": [3, 0, 7, ...]}.
// Tags are indices into the dataset's label list (its ClassLabel names, e.g. ["O", "B-PER", "I-PER", ...]), which
// the file itself does not carry, so the caller passes it in. The text is the tokens joined by one space; other
// fields (pos_tags, chunk_tags, ...) are kept in meta.

import { SpanWriteError, type SpanDoc } from './document';
import { metaWithout, readJsonLines, takeId, writeJsonLines } from './json-lines';
import { decodeTags, parseTag, TAG_EXPECTATION, tokenizeForIob2, type Tag, type Token } from './tags';

const OWN_KEYS = ['id', 'tokens', 'ner_tags'];

export function readHf(text: string, fileName: string, labelNames: readonly string[]): SpanDoc[] {
  return readJsonLines(text, fileName).map((line) => {
    const tokens: Token[] = [];
    line.array('tokens').forEach((value, i) => {
      const token = line.expect(value, `tokens[${i}]`, 'a token without white space', isToken);
      const start = i === 0 ? 0 : (tokens[i - 1] as Token).end + 1;
      tokens.push({ text: token, start, end: start + token.length });
    });
    const indices = line.array('ner_tags');
    if (indices.length !== tokens.length) {
      throw line.problem('ner_tags', `expected ${tokens.length} tags, one per token, found ${indices.length}`);
    }
    const tags = indices.map((value, i): Tag => {
      const field = `ner_tags[${i}]`;
      const index = line.wholeNumber(value, field);
      const name = labelNames[index];
      if (name === undefined) {
        throw line.problem(field, `expected a label index from 0 to ${labelNames.length - 1}, found ${index}`);
      }
      const tag = parseTag(name);
      if (tag === null) throw line.problem(field, `label ${index} is ${JSON.stringify(name)}: ${TAG_EXPECTATION}`);
      return tag;
    });
    const { id, rest } = takeId(line.fields);
    return {
      id,
      text: tokens.map((token) => token.text).join(' '),
      spans: decodeTags(tokens, tags),
      meta: metaWithout(rest, OWN_KEYS),
    };
  });
}

/** One line per document; a document of several lines becomes one row, as HF rows are token lists. */
export function writeHf(docs: readonly SpanDoc[], labelNames: readonly string[]): string {
  const indexOf = new Map(labelNames.map((name, i) => [name, i]));
  return writeJsonLines(
    docs.map((doc, docIndex) => {
      const tagged = tokenizeForIob2(doc, docIndex).flat();
      const nerTags = tagged.map(({ tag }) => {
        const index = indexOf.get(tag);
        if (index === undefined) {
          throw new SpanWriteError(docIndex, `tag ${JSON.stringify(tag)} is not in the label list`);
        }
        return index;
      });
      return {
        ...(doc.id === null ? {} : { id: doc.id }),
        tokens: tagged.map(({ token }) => token.text),
        ner_tags: nerTags,
        ...metaWithout(doc.meta, OWN_KEYS),
      };
    }),
  );
}

function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^\S+$/.test(value);
}
