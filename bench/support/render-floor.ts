// The floor of showing a task in the span editor: a bare page that swaps in the editor's finished markup, read off
// the app with the app's CSS, when a key is pressed, timed by the same probe as the app's render. Building no
// markup at all, it is what no editor can beat on this machine: parsing, laying out and painting that text.
import type { Page } from '@playwright/test';
import { escapeHtml } from '../../src/ui/annotate/spans/pieces-html';
import { SPAN_EDITOR_SELECTOR, timeTaskRender } from './span-probe';
import type { Bench } from './types';

const FLOOR_PATH = '/__bench/render-floor.html';

/** One moment of the app's span editor, enough to draw it again elsewhere. */
export interface EditorSnapshot {
  html: string;
  css: string;
  /** The root element's attributes (theme, text size), which the CSS reads. */
  rootAttributes: [string, string][];
  width: number;
}

export function snapshotEditor(page: Page): Promise<EditorSnapshot> {
  return page.evaluate((selector) => {
    const editor = document.querySelector(selector)?.closest('.span-editor');
    if (!editor) throw new Error('No span editor on the page');
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    const rootAttributes = [...document.documentElement.attributes].map((a): [string, string] => [a.name, a.value]);
    return { html: editor.outerHTML, css, rootAttributes, width: editor.getBoundingClientRect().width };
  }, SPAN_EDITOR_SELECTOR);
}

/** `to` shown `renders` times by PageDown (PageUp shows `from` again in between), keydown → paint of each. */
export async function measureRenderFloor(bench: Bench, from: EditorSnapshot, to: EditorSnapshot, shown: { tags: number; chars: number }, renders: number): Promise<number[]> {
  const page = await bench.context.newPage();
  try {
    const attributes = to.rootAttributes.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
    // Inside a script element "</" would end it early.
    const markup = (html: string) => JSON.stringify(html).replace(/<\//g, '<\\/');
    const script = `const FROM = ${markup(from.html)}, TO = ${markup(to.html)}; const host = document.getElementById('host'); host.innerHTML = FROM;
addEventListener('keydown', (event) => { host.innerHTML = event.key === 'PageDown' ? TO : FROM; });`;
    const body = `<!doctype html><html${attributes}><head><style>${to.css}</style></head><body><div id="host" style="width: ${to.width}px; margin: 24px auto"></div><script>${script}</script></body></html>`;
    await page.route(`${bench.origin}${FLOOR_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body }));
    await page.goto(`${bench.origin}${FLOOR_PATH}`);
    const samples: number[] = [];
    for (let i = 0; i < renders; i++) {
      await bench.quiet();
      samples.push((await timeTaskRender(page, 'PageDown', shown.tags, shown.chars)).paint);
      await page.keyboard.press('PageUp');
    }
    return samples;
  } finally {
    await page.close();
  }
}
