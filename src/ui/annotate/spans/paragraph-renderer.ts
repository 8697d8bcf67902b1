// The span editor's text, paragraph by paragraph, remembered between renderings: a label changes one paragraph's
// spans, so only that paragraph is cut into pieces and written as HTML again. The others keep their pieces and
// their very HTML strings, which also makes the page patch's comparison of old and new paragraphs instant.
import { sameSpan, type Span } from '../../../lib/spans/span-value';
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
    sameList(a.suggestions, b.suggestions, sameSpan) &&
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

export class ParagraphRenderer {
  private text: string | null = null;
  private colorOf: ((label: string) => string) | null = null;
  private paragraphs: Paragraph[] = [];
  private cache: (Rendered | undefined)[] = [];

  /** `spans` and `suggestions` sorted (compareSpans), as buildPieces wants them. */
  render(text: string, spans: readonly Span[], suggestions: readonly SuggestedSpan[], colorOf: (label: string) => string): RenderedText {
    if (text !== this.text || colorOf !== this.colorOf) {
      this.text = text;
      this.colorOf = colorOf;
      this.paragraphs = paragraphsOf(text);
      this.cache = [];
    }
    // Levels over all spans: a span's nesting depth may depend on spans in other paragraphs it crosses into.
    const levels = spanLevels(spans);
    const textPieces: TextPiece[] = [];
    const paragraphs: ParagraphHtml[] = [];
    let carried: Piece[] = [];
    const spansOf = byParagraph(spans, this.paragraphs);
    const suggestionsOf = byParagraph(suggestions, this.paragraphs);
    this.paragraphs.forEach((paragraph, p) => {
      const spanIds = spansOf[p] as number[];
      const inputs: Inputs = {
        carried,
        spans: spanIds.map((i) => spans[i] as Span),
        levels: spanIds.map((i) => levels[i] as number),
        suggestions: (suggestionsOf[p] as number[]).map((i) => suggestions[i] as SuggestedSpan),
      };
      let rendered = this.cache[p];
      if (rendered === undefined || !sameInputs(rendered.inputs, inputs)) {
        const own = buildPieces(text, inputs.spans, inputs.suggestions, colorOf, {
          from: paragraph.from,
          to: paragraph.to,
          levels: inputs.levels,
        });
        const last = p === this.paragraphs.length - 1;
        const textEnd = own.findLastIndex((piece) => piece.kind === 'text') + 1;
        const body = [...carried, ...(last ? own : own.slice(0, textEnd))];
        rendered = {
          inputs,
          textPieces: body.filter((piece): piece is TextPiece => piece.kind === 'text'),
          html: paragraphsHtml(text, body),
          carried: last ? [] : own.slice(textEnd),
        };
        this.cache[p] = rendered;
      }
      carried = rendered.carried;
      for (const piece of rendered.textPieces) textPieces.push(piece);
      for (const html of rendered.html) paragraphs.push(html);
    });
    return { textPieces, paragraphs };
  }
}
