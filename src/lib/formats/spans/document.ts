// The in-memory model every labelled-text format (Label Studio, Prodigy, doccano, CoNLL, Hugging Face, our own task
// export) is read into and written from. Offsets are JavaScript string indices (UTF-16 code units, end exclusive);
// formats made by Python tools count code points instead, and their modules convert at the boundary with the
// functions below.

import type { Span } from '../../domain/types';

export type { Span };

/** One person's (or one model's) judgement of a document. */
export interface DocJudgement {
  /** Who made it, when the format says (Label Studio completed_by, Prodigy _annotator_id, a model version); else null. */
  annotator: string | null;
  /** Classification labels (Label Studio choices, doccano label strings, Prodigy label/accept, HF label). */
  labels: string[];
  /** UTF-16 offsets in the document text, end exclusive. */
  spans: Span[];
  /** 'skipped' for Prodigy "ignore" and Label Studio was_cancelled. */
  status: 'labelled' | 'skipped';
  /** The model's score for a prediction when the file has one, else null. */
  score: number | null;
}

export interface LabelledDoc {
  id: string | null;
  text: string;
  /** Every field the format does not map onto the model, so that writing the same format gives it back. */
  meta: Record<string, unknown>;
  /** Human judgements: they become annotations. */
  annotations: DocJudgement[];
  /** Pre-annotations the format marks as machine-made: they become suggestions, never labels. */
  predictions: DocJudgement[];
}

/**
 * Meta keys under which a format keeps what only it needs to write its own files again (Label Studio's config
 * names and other task fields, what a Prodigy annotator rejected). They are bookkeeping, not data: no writer puts
 * them into its records as fields.
 */
const FORMAT_META_KEYS = ['labelstudio', 'prodigy'];

/** The meta entries a writer puts into its records: all but its own fields and the formats' bookkeeping. */
export function metaFields(meta: Record<string, unknown>, ownKeys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([key]) => !ownKeys.includes(key) && !FORMAT_META_KEYS.includes(key)));
}

export function judgement(parts: Partial<DocJudgement> = {}): DocJudgement {
  return { annotator: null, labels: [], spans: [], status: 'labelled', score: null, ...parts };
}

/**
 * What a format that holds one judgement per record writes for a document: one record per labelled annotation, or
 * a single unlabelled record (null) when there is none. Skipped annotations and predictions have no place there.
 */
export function recordsToWrite(doc: LabelledDoc): (DocJudgement | null)[] {
  const labelled = doc.annotations.filter((annotation) => annotation.status === 'labelled');
  return labelled.length > 0 ? labelled : [null];
}

/** Bad input in a file, located as precisely as the format allows: file, then line, then field. */
export class FormatProblem extends Error {
  readonly fileName: string;
  readonly line: number | null;
  readonly field: string | null;
  readonly problem: string;
  constructor(fileName: string, line: number | null, field: string | null, problem: string) {
    const where = [fileName, line === null ? null : `line ${line}`, field === null ? null : `field "${field}"`];
    super(`${where.filter((part) => part !== null).join(', ')}: ${problem}`);
    this.name = 'FormatProblem';
    this.fileName = fileName;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }
}

/** Documents that a format cannot express (overlapping spans in CoNLL, a label missing from a label list, ...). */
export class SpanWriteError extends Error {
  constructor(docIndex: number, problem: string) {
    super(`document ${docIndex + 1}: ${problem}`);
    this.name = 'SpanWriteError';
  }
}

// Most texts have no astral characters, and for them both offsets are the same number.
const SURROGATE = /[\uD800-\uDFFF]/;

function isHighSurrogateAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

/** Length of `text` in code points, the unit Python's len() counts. */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i += isHighSurrogateAt(text, i) ? 2 : 1) count++;
  return count;
}

/** The UTF-16 offset of code point offset `cp` (0 ≤ cp ≤ codePointLength(text)). */
export function codePointToUtf16(text: string, cp: number): number {
  if (!Number.isInteger(cp) || cp < 0) throw new RangeError(`code point offset ${cp} is not a whole number ≥ 0`);
  if (!SURROGATE.test(text)) {
    if (cp > text.length) throw new RangeError(`code point offset ${cp} is past the end of the text`);
    return cp;
  }
  let u = 0;
  for (let seen = 0; seen < cp; seen++) {
    if (u >= text.length) throw new RangeError(`code point offset ${cp} is past the end of the text`);
    u += isHighSurrogateAt(text, u) ? 2 : 1;
  }
  return u;
}

/** The code point offset of UTF-16 offset `u`, which must not fall between the two halves of a surrogate pair. */
export function utf16ToCodePoint(text: string, u: number): number {
  if (!Number.isInteger(u) || u < 0 || u > text.length) {
    throw new RangeError(`UTF-16 offset ${u} is outside the text (length ${text.length})`);
  }
  if (!SURROGATE.test(text)) return u;
  let cp = 0;
  let i = 0;
  while (i < u) {
    i += isHighSurrogateAt(text, i) ? 2 : 1;
    cp++;
  }
  if (i !== u) throw new RangeError(`UTF-16 offset ${u} splits a surrogate pair`);
  return cp;
}
