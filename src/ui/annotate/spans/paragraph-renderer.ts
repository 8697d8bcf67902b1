// The span editor's text, paragraph by paragraph, remembered between renderings: a label changes one paragraph's
// spans, so only that paragraph is cut into pieces and written as HTML again. The others keep their pieces and
// their very HTML strings, which also makes the page patch's comparison of old and new paragraphs instant.
import { compareSpans, sameSpan, type Span } from '../../../lib/spans/span-value';
import type { SuggestedSpan } from '../../../lib/spans/suggestions';
import { paragraphsHtml, type ParagraphHtml } from './pieces-html';
import { buildPieces, spanLevels, type Piece, type TextPiece } from './segments';

export interface RenderedText {
  /** The text pieces in reading order (tags are only in the HTML). */
  textPieces: TextPiece[];
  /** The HTML inside each paragraph's block (see patchParagraphs). */
  paragraphs: ParagraphHtml[];
}

interface Paragraph {
  from: number;
  to: number;
}

/** What a paragraph was drawn from: its pieces change only when one of these does. */
interface Inputs {
  /** Tags carried in from the paragraph before (see Rendered.carried). */
  carried: readonly Piece[];
  spans: readonly Span[];
  levels: readonly number[];
  suggestions: readonly SuggestedSpan[];
}

interface Rendered {
  inputs: Inputs;
  textPieces: TextPiece[];
  /** Its HTML; the last paragraph may add one holding tags that end the text after a final line break. */
  html: ParagraphHtml[];
  /**
   * Tags of spans that end where the next paragraph starts (a span that takes in the line break): drawn at the
   * start of the next paragraph, as a whole-text rendering places them.
   */
  carried: Piece[];
}

const sameTag = (a: Piece, b: Piece) =>
  a.kind === 'tag' && b.kind === 'tag' ? a.suggestion === b.suggestion && sameSpan(a.span, b.span) : a === b;

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i] as T, b[i] as T)) return false;
  return true;
}

/**
 * Compared by value, field by field: on every edit each of the ~250 paragraphs of a long text is checked, and
 * spans come back from the database as new objects holding the same values.
 */
function sameInputs(a: Inputs, b: Inputs): boolean {
  return (
    sameList(a.spans, b.spans, sameSpan) &&
    sameList(a.levels, b.levels, (x, y) => x === y) &&
    sameList(a.suggestions, b.suggestions, (x, y) => sameSpan(x, y) && x.confidence === y.confidence) &&
    sameList(a.carried, b.carried, sameTag)
  );
}

/** The paragraphs of a text: each ends after a line break (or at the end of the text). */
function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let from = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    paragraphs.push({ from, to: i + 1 });
    from = i + 1;
  }
  if (from < text.length || paragraphs.length === 0) paragraphs.push({ from, to: text.length });
  return paragraphs;
}

/**
 * For each paragraph, the indices of the `spans` (sorted by start) that cover part of it, in one sweep: a span
 * crossing a line break is listed in every paragraph it covers.
 */
function byParagraph(spans: readonly Span[], paragraphs: readonly Paragraph[]): number[][] {
  let next = 0;
  let open: number[] = [];
  return paragraphs.map(({ from, to }) => {
    open = open.filter((i) => (spans[i] as Span).end > from);
    while (next < spans.length && (spans[next] as Span).start < to) open.push(next++);
    open = open.filter((i) => (spans[i] as Span).end > from);
    return open;
  });
}

/** A character range whose drawing changed: a span or suggestion added, removed, or at another nesting level. */
interface Changed {
  start: number;
  end: number;
}

/**
 * Where two span lists, each sorted (compareSpans), differ: one merge walk, no allocation but the result. With
 * levels, a span in both whose nesting level changed counts too (its underline moves).
 */
function changedRanges(
  before: readonly Span[],
  after: readonly Span[],
  out: Changed[],
  levelsBefore?: readonly number[],
  levelsAfter?: readonly number[],
): void {
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    // Mostly the very same objects: an edit keeps the span and suggestion objects it does not change.
    const order = a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : compareSpans(a, b);
    if (order < 0) {
      out.push(a as Span);
      i++;
    } else if (order > 0) {
      out.push(b as Span);
      j++;
    } else {
      // A suggestion's tag shows its confidence, which a refitted calibration changes (spans have none).
      if (levelsBefore?.[i] !== levelsAfter?.[j] || (a as SuggestedSpan).confidence !== (b as SuggestedSpan).confidence) out.push(a as Span);
      i++;
      j++;
    }
  }
}

/** What a rendering is drawn from; the last one's is kept to find what the next one changes. */
interface Previous {
  spans: readonly Span[];
  levels: readonly number[];
  suggestions: readonly SuggestedSpan[];
}

/** `swept`: each paragraph's span and suggestion indices, when worked out for all at once. */
interface Drawing extends Previous {
  swept: { spans: number[][]; suggestions: number[][] } | null;
}

export class ParagraphRenderer {
  private text: string | null = null;
  private colorOf: ((label: string) => string) | null = null;
  private paragraphs: Paragraph[] = [];
  private cache: (Rendered | undefined)[] = [];
  private previous: Previous | null = null;

  /** `spans` and `suggestions` sorted (compareSpans), as buildPieces wants them. */
  render(text: string, spans: readonly Span[], suggestions: readonly SuggestedSpan[], colorOf: (label: string) => string): RenderedText {
    if (text !== this.text || colorOf !== this.colorOf) {
      this.text = text;
      this.colorOf = colorOf;
      this.paragraphs = paragraphsOf(text);
      this.cache = [];
      this.previous = null;
    }
    // Levels over all spans: a span's nesting depth may depend on spans in other paragraphs it crosses into.
    const levels = spanLevels(spans);
    const changed = this.changedParagraphs(spans, levels, suggestions);
    this.previous = { spans, levels, suggestions };
    // An edit touches a paragraph or two, each looked up on its own; a first rendering, or a change to many (undo
    // of an accept-all), sorts every paragraph's spans out in one sweep.
    const sweep = changed === null || changed.size > 2;
    const swept = sweep ? { spans: byParagraph(spans, this.paragraphs), suggestions: byParagraph(suggestions, this.paragraphs) } : null;
    const drawing: Drawing = { spans, levels, suggestions, swept };
    const textPieces: TextPiece[] = [];
    const paragraphs: ParagraphHtml[] = [];
    let carried: Piece[] = [];
    this.paragraphs.forEach((paragraph, p) => {
      let rendered = this.cache[p];
      // Unchanged when no changed range touches it and the tags carried in from the paragraph before are the same.
      const unchanged =
        rendered !== undefined && changed !== null && !changed.has(p) && sameList(rendered.inputs.carried, carried, sameTag);
      if (!unchanged) {
        const inputs = this.inputsOf(p, carried, drawing);
        if (rendered === undefined || !sameInputs(rendered.inputs, inputs)) {
          rendered = this.draw(text, paragraph, p, inputs, colorOf);
          this.cache[p] = rendered;
        }
      }
      const drawn = rendered as Rendered;
      carried = drawn.carried;
      for (const piece of drawn.textPieces) textPieces.push(piece);
      for (const html of drawn.html) paragraphs.push(html);
    });
    return { textPieces, paragraphs };
  }

  /**
   * The paragraphs a change of spans or suggestions since the last rendering touches, found by comparing the two
   * sorted lists: a label re-cuts the one paragraph it is in, not all 250 of a long text. Null when there is no
   * last rendering to compare with.
   */
  private changedParagraphs(
    spans: readonly Span[],
    levels: readonly number[],
    suggestions: readonly SuggestedSpan[],
  ): Set<number> | null {
    const previous = this.previous;
    if (previous === null) return null;
    const ranges: Changed[] = [];
    changedRanges(previous.spans, spans, ranges, previous.levels, levels);
    changedRanges(previous.suggestions, suggestions, ranges);
    const touched = new Set<number>();
    for (const { start, end } of ranges) {
      let p = this.paragraphAt(start);
      for (; p < this.paragraphs.length && (this.paragraphs[p] as Paragraph).from < end; p++) touched.add(p);
    }
    return touched;
  }

  /** Index of the paragraph holding `offset` (the last one for the text's end). */
  private paragraphAt(offset: number): number {
    let lo = 0;
    let hi = this.paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.paragraphs[mid] as Paragraph).from <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A paragraph's inputs: what of `drawing` covers part of it. */
  private inputsOf(p: number, carried: readonly Piece[], { spans, levels, suggestions, swept }: Drawing): Inputs {
    const { from, to } = this.paragraphs[p] as Paragraph;
    const spanIds = swept?.spans[p] ?? touching(spans, from, to);
    const suggestionIds = swept?.suggestions[p] ?? touching(suggestions, from, to);
    return {
      carried,
      spans: spanIds.map((i) => spans[i] as Span),
      levels: spanIds.map((i) => levels[i] as number),
      suggestions: suggestionIds.map((i) => suggestions[i] as SuggestedSpan),
    };
  }

  private draw(text: string, paragraph: Paragraph, p: number, inputs: Inputs, colorOf: (label: string) => string): Rendered {
    const own = buildPieces(text, inputs.spans, inputs.suggestions, colorOf, {
      from: paragraph.from,
      to: paragraph.to,
      levels: inputs.levels,
    });
    const last = p === this.paragraphs.length - 1;
    const textEnd = own.findLastIndex((piece) => piece.kind === 'text') + 1;
    const body = [...inputs.carried, ...(last ? own : own.slice(0, textEnd))];
    return {
      inputs,
      textPieces: body.filter((piece): piece is TextPiece => piece.kind === 'text'),
      html: paragraphsHtml(text, body),
      carried: last ? [] : own.slice(textEnd),
    };
  }
}

/** Indices of the spans (sorted by start) that cover part of from–to, as byParagraph lists them. */
function touching(spans: readonly Span[], from: number, to: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < spans.length && (spans[i] as Span).start < to; i++) if ((spans[i] as Span).end > from) ids.push(i);
  return ids;
}
