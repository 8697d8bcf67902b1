// A response's markdown as sanitised nodes, kept for the last few texts: the next task's responses are rendered while
// the annotator reads the current one (see CompareView), so moving on only puts finished HTML on the page, and going
// back renders nothing again.
import DOMPurify from 'dompurify';
import { markdownHtml } from '../../../lib/state/tasks/compare/markdown-html';

/** The shown task's, the next one's and the one before, with room for conversations and 4 responses. */
const KEPT = 24;
const rendered = new Map<string, DocumentFragment>();

/**
 * markdownHtml already shows raw HTML as text and never emits an image; the sanitiser is the second wall, for what
 * markdown itself can make (links, attributes).
 */
export function renderedMarkdown(text: string): DocumentFragment {
  const known = rendered.get(text);
  if (known !== undefined) {
    rendered.delete(text);
    rendered.set(text, known);
    return known;
  }
  // As nodes, never as an HTML string the page would parse again: what reaches the page is what the sanitiser kept.
  const nodes = DOMPurify.sanitize(markdownHtml(text), {
    ADD_ATTR: ['target'],
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe'],
    FORBID_ATTR: ['style'],
    RETURN_DOM_FRAGMENT: true,
  });
  rendered.set(text, nodes);
  if (rendered.size > KEPT) rendered.delete(rendered.keys().next().value as string);
  return nodes;
}

/** Svelte action: the element shows `text`'s markdown, a copy of the sanitised nodes, never parsed HTML. */
export function markdownContent(node: HTMLElement, text: string): { update(next: string): void } {
  const show = (value: string) => node.replaceChildren(renderedMarkdown(value).cloneNode(true));
  show(text);
  return { update: show };
}
