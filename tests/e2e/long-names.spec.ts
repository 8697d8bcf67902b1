// Names and texts come from files and from people: a 300-character project name without a space, 60-character
// labels, a 200-character file name and a task holding a 300-character word must wrap or be cut, never widen a page.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './support/fixtures';
import { WIDTHS, tourEveryScreen, type TourNames } from './support/screen-tour';

const word = (length: number, seed: string) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

const NAMES: TourNames = {
  project: (kind) => `${kind}-${word(300, 'Unbrokenprojectname')}`.slice(0, 300),
  labels: ['Aa', 'Bb', 'Cc'].map((seed, i) => `${word(59, seed)}${i}`),
  annotator: word(80, 'Annotatorname'),
  otherAnnotator: word(300, 'Otherannotator'),
  taskFile: word(200, 'taskfile'),
  conllFile: word(200, 'conllfile'),
  labelFile: word(200, 'labelfile'),
  tasks: [`A report: ${word(300, 'verylongword')} ends here.`, 'Short report.', `${word(120, 'https://example.org/path/')} and more.`],
};

/**
 * Words of the app's own (at most 20 letters) that a control draws broken over two lines: the page lets words wrap
 * anywhere, so a long name beside a button could otherwise squeeze "Use" into "Us e". The long names themselves may
 * break; they are longer.
 */
async function brokenShortWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('button, a, label, [role="tab"]')) continue;
      for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
        if (word[0].length < 2 || word[0].length > 20) continue;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
    return broken;
  });
}

async function pageWidths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

test('no screen grows wider than the window or breaks a word of a control with 300-character names, at desktop and tablet width', async ({ page }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await tourEveryScreen(page, NAMES, async (screen, at) => {
    for (const size of WIDTHS) {
      await at.setViewportSize({ width: size.width, height: size.height });
      const { scrollWidth, innerWidth } = await pageWidths(at);
      if (scrollWidth > innerWidth) problems.push(`${screen} at ${size.width} px: ${scrollWidth} px wide`);
      for (const word of await brokenShortWords(at)) problems.push(`${screen} at ${size.width} px: "${word}" broken over two lines`);
      await screenshot(at, `long-names-${screen}-${size.name}`);
    }
    await at.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
  });
  expect(problems).toEqual([]);
});
