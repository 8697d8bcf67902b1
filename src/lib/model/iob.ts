// IOB2 tags of words → entity spans. Pure.

export interface TaggedWord {
  start: number;
  end: number;
  /** The model's tag for the word, e.g. "B-PER", "I-PER" or "O". */
  tag: string;
  /** The probability the model gave that tag. */
  p: number;
}

export interface EntitySpan {
  start: number;
  end: number;
  /** The tag without its B-/I- prefix. */
  type: string;
  /** Mean probability of the words' tags. */
  confidence: number;
}

const PREFIXED = /^([BI])[-_](.+)$/;

/** null for "O"; a tag without a B-/I- prefix (IO scheme) counts as inside. */
export function parseTag(tag: string): { begins: boolean; type: string } | null {
  if (tag === 'O') return null;
  const match = PREFIXED.exec(tag);
  return match ? { begins: match[1] === 'B', type: match[2] as string } : { begins: false, type: tag };
}

/** The entity types of a tag set, in first-seen order ("B-PER", "I-PER", "B-LOC" → PER, LOC). */
export function entityTypesOf(tags: readonly string[]): string[] {
  return [...new Set(tags.map(parseTag).flatMap((t) => (t ? [t.type] : [])))];
}

/**
 * Spans from words in text order. B- starts a span; I- continues the open span of its type and otherwise starts
 * one (as conlleval and the Hugging Face pipeline read a stray I-); O and a type change close it.
 */
export function decodeIob(words: readonly TaggedWord[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  let open: { start: number; end: number; type: string; sum: number; count: number } | null = null;
  const close = () => {
    if (open) spans.push({ start: open.start, end: open.end, type: open.type, confidence: open.sum / open.count });
    open = null;
  };
  for (const word of words) {
    const tag = parseTag(word.tag);
    if (!tag) {
      close();
      continue;
    }
    if (open && !tag.begins && open.type === tag.type) {
      open.end = word.end;
      open.sum += word.p;
      open.count++;
      continue;
    }
    close();
    open = { start: word.start, end: word.end, type: tag.type, sum: word.p, count: 1 };
  }
  close();
  return spans;
}
