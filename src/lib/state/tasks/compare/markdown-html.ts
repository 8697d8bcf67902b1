// A response's markdown as HTML, before sanitising (the screen runs the result through DOMPurify): raw HTML in the
// text is shown as text, never parsed, and an image is named with its address, never loaded (a task file must not
// make the app fetch anything, nor run anything).
import { Marked, type Tokens } from 'marked';

const markdown = new Marked({
  gfm: true,
  // Models write poems, addresses and lists of steps one per line: a line break stays one, as chat screens show it.
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    image({ href, text }: Tokens.Image): string {
      return `<span class="md-image">[image: ${escapeHtml(text || 'no description')} · ${escapeHtml(href)}]</span>`;
    },
    link({ href, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!/^(https?:|mailto:)/i.test(href)) return inner;
      return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
    },
  },
});

export function markdownHtml(text: string): string {
  return markdown.parse(text, { async: false });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
