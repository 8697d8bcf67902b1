// The span editor's text as HTML: one block per paragraph, patched into the page where paragraphs changed. Building
// the markup as strings parses 1,500 pieces in a few milliseconds, and a label then re-renders and re-lays out only
// its own paragraph: a change inside one long run of inline text makes the browser lay out all of it again (about
// 20 ms for 5,000 words), a change in a paragraph of 100 words well under 1 ms. Everything from the task or the
// project (text, label names, colours) is escaped here.
import { encodeSpan } from '../../../lib/spans/span-value';
import type { Piece } from './segments';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function pieceHtml(text: string, piece: Piece): string {
  if (piece.kind === 'tag') {
    const label = escapeHtml(piece.span.label);
    const kind = piece.suggestion ? 'suggestion' : 'span';
    const title = piece.suggestion ? `Suggested ${label}: tap to accept` : `${label}: tap to select`;
    const hidden = piece.suggestion ? '<span class="visually-hidden"> (suggested)</span>' : '';
    const style = `--label: ${escapeHtml(piece.color)}`;
    return `<span class="sp-tag sp-${kind}" data-${kind}="${escapeHtml(encodeSpan(piece.span))}" style="${style}" title="${title}">${label}${hidden}</span>`;
  }
  const classes = ['sp-piece'];
  let style = piece.style;
  if (piece.labelled) classes.push('sp-labelled');
  if (piece.suggestion) {
    classes.push('sp-suggested');
    if (piece.suggestion.first) classes.push('sp-first');
    if (piece.suggestion.last) classes.push('sp-last');
    style += `${style ? '; ' : ''}--suggestion: ${piece.suggestion.color}`;
  }
  const styleAttr = style ? ` style="${escapeHtml(style)}"` : '';
  return `<span class="${classes.join(' ')}" data-start="${piece.start}"${styleAttr}>${escapeHtml(text.slice(piece.start, piece.end))}</span>`;
}

/**
 * The pieces grouped into paragraphs, each ending after a line break (buildPieces cuts there): the HTML inside each
 * paragraph's block (see patchParagraphs).
 */
export function paragraphsHtml(text: string, pieces: readonly Piece[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const piece of pieces) {
    current += pieceHtml(text, piece);
    if (piece.kind === 'text' && text[piece.end - 1] === '\n') {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs;
}

/** How many items at the start and at the end two renderings share. */
export function unchangedEnds(previous: readonly string[], next: readonly string[]): { head: number; tail: number } {
  let head = 0;
  while (head < previous.length && head < next.length && previous[head] === next[head]) head++;
  let tail = 0;
  const room = Math.min(previous.length, next.length) - head;
  while (tail < room && previous[previous.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  return { head, tail };
}

/**
 * How the page goes from one rendering's paragraphs to the next. While the count stays (every edit of one text),
 * the paragraphs that changed get new contents in their old blocks; otherwise the blocks between the unchanged ends
 * are replaced.
 */
export type ParagraphPatch =
  | { kind: 'contents'; changes: { index: number; html: string }[] }
  | { kind: 'blocks'; at: number; remove: number; insert: string[] };

export function paragraphPatch(previous: readonly string[], next: readonly string[]): ParagraphPatch {
  const { head, tail } = unchangedEnds(previous, next);
  const remove = previous.length - tail - head;
  const insert = next.slice(head, next.length - tail);
  if (remove !== insert.length) return { kind: 'blocks', at: head, remove, insert };
  const changes = insert.map((html, k) => ({ index: head + k, html })).filter(({ index, html }) => previous[index] !== html);
  return { kind: 'contents', changes };
}

const block = (html: string) => `<div class="sp-para">${html}</div>`;

const rendered = new WeakMap<Element, readonly string[]>();

/**
 * Makes `container`'s children one block per paragraph holding `html`, touching only the paragraphs that changed.
 * A changed paragraph keeps its block: a new block (content-visibility: auto) made the next frame about 5 ms slower
 * in Chromium than new contents in the old one (9.6 against 4.3 ms, median, on the bench's 5,000-word text), as the
 * browser works out afresh whether it is on screen.
 */
export function patchParagraphs(container: Element, html: readonly string[]): void {
  const previous = rendered.get(container);
  rendered.set(container, html);
  if (previous === undefined) {
    container.innerHTML = html.map(block).join('');
    return;
  }
  const patch = paragraphPatch(previous, html);
  if (patch.kind === 'contents') {
    for (const { index, html: contents } of patch.changes) {
      const paragraph = container.children[index];
      if (paragraph) paragraph.innerHTML = contents;
    }
    return;
  }
  for (let i = patch.at + patch.remove - 1; i >= patch.at; i--) container.children[i]?.remove();
  if (patch.insert.length === 0) return;
  const middle = patch.insert.map(block).join('');
  const next = container.children[patch.at];
  if (next) next.insertAdjacentHTML('beforebegin', middle);
  else container.insertAdjacentHTML('beforeend', middle);
}
