// The span editor's text as HTML: one block per paragraph (in groups, see GROUP), patched into the page where
// paragraphs changed. Building the markup as strings parses 1,500 pieces in a few milliseconds, and a label then
// re-renders and re-lays out only its own paragraph: a change inside one long run of inline text makes the browser
// lay out all of it again (about 20 ms for 5,000 words), a change in a paragraph of 100 words well under 1 ms.
// Everything from the task or the project (text, label names, colours) is escaped here.
import { shownConfidence } from '../../../lib/learn/reliability';
import { encodeSpan } from '../../../lib/spans/span-value';
import type { Piece } from './segments';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(value: string): string {
  // Most pieces of a text have nothing to escape: testing first spares the replace, 0.45 against 0.2 ms for the
  // 1,500 pieces of a 5,000-word text in Node.
  return SPECIAL.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string) : value;
}

/** How every text piece's markup starts, and no tag's: text pieces are counted by it (see textPieceElement). */
const TEXT_PIECE_OPEN = '<span class="sp-piece';

function pieceHtml(text: string, piece: Piece): string {
  if (piece.kind === 'tag') {
    const label = escapeHtml(piece.span.label);
    const kind = piece.suggestion ? 'suggestion' : 'span';
    const shown = piece.confidence === null ? null : shownConfidence(piece.confidence);
    const sure = shown ? `, ${shown.percent}% ${shown.word}` : '';
    const title = piece.suggestion ? `Suggested ${label}${sure}: tap to accept` : `${label}: tap to select`;
    const hidden = piece.suggestion ? '<span class="sp-unseen"> (suggested)</span>' : '';
    const confidence = shown ? ` <span class="sp-confidence">${shown.percent}% <span class="sp-word sp-word-${shown.word}">${shown.word}</span></span>` : '';
    const style = `--label: ${escapeHtml(piece.color)}`;
    return `<span class="sp-tag sp-${kind}" data-${kind}="${escapeHtml(encodeSpan(piece.span))}" style="${style}" title="${title}">${label}${hidden}${confidence}</span>`;
  }
  let classes = '';
  let style = piece.style;
  if (piece.labelled) classes += ' sp-labelled';
  if (piece.suggestion) {
    classes += ' sp-suggested';
    if (piece.suggestion.first) classes += ' sp-first';
    if (piece.suggestion.last) classes += ' sp-last';
    style += `${style ? '; ' : ''}--suggestion: ${piece.suggestion.color}`;
  }
  const styleAttr = style ? ` style="${escapeHtml(style)}"` : '';
  return `${TEXT_PIECE_OPEN}${classes}" data-start="${piece.start}"${styleAttr}>${escapeHtml(text.slice(piece.start, piece.end))}</span>`;
}

/** One paragraph as the HTML of its pieces, in order: each is exactly one element of the paragraph's block. */
export type ParagraphHtml = readonly string[];

/**
 * The pieces grouped into paragraphs, each ending after a line break (buildPieces cuts there): what goes inside
 * each paragraph's block (see patchParagraphs).
 */
export function paragraphsHtml(text: string, pieces: readonly Piece[]): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  let texts = 0;
  const close = () => {
    paragraphs.push(current);
    textPieceCounts.set(current, texts);
    current = [];
    texts = 0;
  };
  for (const piece of pieces) {
    current.push(pieceHtml(text, piece));
    if (piece.kind === 'text') texts++;
    if (piece.kind === 'text' && text[piece.end - 1] === '\n') close();
  }
  if (current.length > 0) close();
  return paragraphs;
}

/**
 * How many text pieces each paragraph made by paragraphsHtml holds. Noted as they are made: counting them from the
 * markup afterwards made V8 flatten every piece's string (built by concatenation), about 1 ms after each label.
 */
const textPieceCounts = new WeakMap<ParagraphHtml, number>();

function sameHtml(a: ParagraphHtml, b: ParagraphHtml): boolean {
  return a === b || (a.length === b.length && a.every((piece, i) => piece === b[i]));
}

/**
 * How one paragraph's pieces go from `previous` to `next`: `remove` pieces from index `at` make way for `insert`.
 * Only the pieces between the unchanged start and end are replaced, so a label puts in its tag and re-cuts the
 * pieces it covers while the rest of the paragraph keeps its elements, their styles and their shaped text.
 */
export interface PiecePatch {
  at: number;
  remove: number;
  insert: string[];
}

export function piecePatch(previous: ParagraphHtml, next: ParagraphHtml): PiecePatch {
  let at = 0;
  while (at < previous.length && at < next.length && previous[at] === next[at]) at++;
  let kept = 0;
  while (kept < previous.length - at && kept < next.length - at && previous[previous.length - 1 - kept] === next[next.length - 1 - kept]) kept++;
  return { at, remove: previous.length - at - kept, insert: next.slice(at, next.length - kept) };
}

/**
 * How the page goes from one rendering's paragraphs to the next. While the count stays (every edit of one text but
 * a tag after a final line break), the paragraphs that changed are patched in their old blocks; otherwise every
 * block is written again.
 */
export type ParagraphPatch = { kind: 'contents'; changes: { index: number; pieces: PiecePatch }[] } | { kind: 'all' };

export function paragraphPatch(previous: readonly ParagraphHtml[] | undefined, next: readonly ParagraphHtml[]): ParagraphPatch {
  if (previous === undefined || previous.length !== next.length) return { kind: 'all' };
  const changes: { index: number; pieces: PiecePatch }[] = [];
  next.forEach((html, index) => {
    const before = previous[index] as ParagraphHtml;
    if (!sameHtml(before, html)) changes.push({ index, pieces: piecePatch(before, html) });
  });
  return { kind: 'contents', changes };
}

/**
 * Paragraphs per block that the browser skips while it is off screen (content-visibility: auto). Chromium checks
 * every such block against the viewport on each frame: with one block per paragraph of the bench's 5,000-word
 * text, that was the largest part of a cursor move's frame. Four per block cut the frame's median from 3.3–3.5 to
 * 2.2–2.6 ms side by side; sixteen made showing the text and labelling slower, as more of it is drawn at once.
 */
const GROUP = 4;

function blocksHtml(html: readonly ParagraphHtml[]): string {
  let out = '';
  for (let i = 0; i < html.length; i += GROUP) {
    out += `<div class="sp-group">${html
      .slice(i, i + GROUP)
      .map((paragraph) => `<div class="sp-para">${paragraph.join('')}</div>`)
      .join('')}</div>`;
  }
  return out;
}

interface Drawn {
  html: readonly ParagraphHtml[];
  /** Each paragraph's text piece elements, looked up when first needed. */
  elements: (HTMLElement[] | undefined)[];
  /** How many text pieces come before each paragraph's, counted when first needed after a patch. */
  before: number[] | null;
}

const drawn = new WeakMap<Element, Drawn>();

function paragraphBlock(container: Element, index: number): Element | undefined {
  return container.children[Math.floor(index / GROUP)]?.children[index % GROUP];
}

/**
 * Makes `container` hold one block per paragraph holding `html`, touching only the pieces that changed. A changed
 * paragraph keeps its block: a new block made the next frame about 5 ms slower in Chromium than new contents in the
 * old one (9.6 against 4.3 ms, median, on the bench's 5,000-word text), as the browser works out afresh whether it
 * is on screen.
 */
export function patchParagraphs(container: Element, html: readonly ParagraphHtml[]): void {
  const previous = drawn.get(container);
  const patch = paragraphPatch(previous?.html, html);
  if (patch.kind === 'all' || previous === undefined) {
    container.innerHTML = blocksHtml(html);
    drawn.set(container, { html, elements: [], before: null });
    return;
  }
  const elements = [...previous.elements];
  for (const { index, pieces } of patch.changes) {
    const paragraph = paragraphBlock(container, index);
    if (paragraph) patchPieces(paragraph, previous.html[index] as ParagraphHtml, html[index] as ParagraphHtml, pieces);
    elements[index] = undefined;
  }
  drawn.set(container, { html, elements, before: patch.changes.length === 0 ? previous.before : null });
}

function patchPieces(paragraph: Element, previous: ParagraphHtml, next: ParagraphHtml, { at, remove, insert }: PiecePatch): void {
  const children = paragraph.children;
  // Something else changed the block: write it whole rather than patch elements that are not the pieces.
  if (children.length !== previous.length) {
    paragraph.innerHTML = next.join('');
    return;
  }
  const before = children[at + remove] ?? null;
  for (let i = at + remove - 1; i >= at; i--) children[i]?.remove();
  if (insert.length === 0) return;
  if (before) before.insertAdjacentHTML('beforebegin', insert.join(''));
  else paragraph.insertAdjacentHTML('beforeend', insert.join(''));
}

function textPiecesBefore(html: readonly ParagraphHtml[]): number[] {
  const before: number[] = [];
  let count = 0;
  for (const paragraph of html) {
    before.push(count);
    count += textPieceCounts.get(paragraph) ?? paragraph.filter((piece) => piece.startsWith(TEXT_PIECE_OPEN)).length;
  }
  return before;
}

/**
 * The element of the text piece at `index` in reading order (those with data-start), as patchParagraphs left
 * `container`. Only that piece's paragraph is looked up, not all 1,500 pieces of a long text: measuring the cursor
 * on a text just drawn, or after a label, then touches a few elements.
 */
export function textPieceElement(container: Element, index: number): HTMLElement | undefined {
  const state = drawn.get(container);
  if (state === undefined || index < 0) return undefined;
  const before = (state.before ??= textPiecesBefore(state.html));
  let lo = 0;
  let hi = before.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((before[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  const own = (state.elements[lo] ??= [...(paragraphBlock(container, lo)?.querySelectorAll<HTMLElement>('[data-start]') ?? [])]);
  return own[index - (before[lo] ?? 0)];
}
