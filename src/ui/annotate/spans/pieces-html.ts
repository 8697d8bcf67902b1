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

/** The pieces grouped into paragraphs, each ending after a line break (buildPieces cuts there). */
export function paragraphsHtml(text: string, pieces: readonly Piece[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const piece of pieces) {
    current += pieceHtml(text, piece);
    if (piece.kind === 'text' && text[piece.end - 1] === '\n') {
      paragraphs.push(`<div class="sp-para">${current}</div>`);
      current = '';
    }
  }
  if (current !== '') paragraphs.push(`<div class="sp-para">${current}</div>`);
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

const rendered = new WeakMap<Element, readonly string[]>();

/** Makes `container`'s children the paragraphs `html`, replacing only those between the unchanged ends. */
export function patchParagraphs(container: Element, html: readonly string[]): void {
  const previous = rendered.get(container);
  rendered.set(container, html);
  if (previous === undefined) {
    container.innerHTML = html.join('');
    return;
  }
  const { head, tail } = unchangedEnds(previous, html);
  for (let i = previous.length - tail - 1; i >= head; i--) container.children[i]?.remove();
  const middle = html.slice(head, html.length - tail).join('');
  if (middle === '') return;
  const next = container.children[head];
  if (next) next.insertAdjacentHTML('beforebegin', middle);
  else container.insertAdjacentHTML('beforeend', middle);
}
