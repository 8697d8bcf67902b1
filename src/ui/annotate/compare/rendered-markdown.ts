// A response's markdown as sanitised HTML, kept for the last few texts: the next task's responses are rendered while
// the annotator reads the current one (see CompareView), so moving on only puts finished HTML on the page, and going
// back renders nothing again.
import DOMPurify from 'dompurify';
import { markdownHtml } from '../../../lib/state/tasks/compare/markdown-html';

/** The shown task's, the next one's and the one before, with room for conversations and 4 responses. */
const KEPT = 24;
const rendered = new Map<string, string>();

/**
 * markdownHtml already shows raw HTML as text and never emits an image; the sanitiser is the second wall, for what
 * markdown itself can make (links, attributes).
 */
export function renderedMarkdown(text: string): string {
  const known = rendered.get(text);
  if (known !== undefined) {
    rendered.delete(text);
    rendered.set(text, known);
    return known;
  }
  const html = DOMPurify.sanitize(markdownHtml(text), { ADD_ATTR: ['target'], FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe'], FORBID_ATTR: ['style'] });
  rendered.set(text, html);
  if (rendered.size > KEPT) rendered.delete(rendered.keys().next().value as string);
  return html;
}
