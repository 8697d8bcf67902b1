import { readFile } from 'node:fs/promises';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { taskContentKey } from '../../src/lib/formats/tasks';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, storedRows, test, waitForServiceWorker } from './support/fixtures';

const NOW = new Date('2026-11-20T09:30:00.000Z');

test.use({ hasTouch: true });

/** The centre of a word of the span editor's text, in page coordinates (the nth occurrence, counted from 0). */
async function wordCentre(page: Page, word: string, nth = 0): Promise<{ x: number; y: number }> {
  const box = await page.getByRole('textbox', { name: /^Task text/ }).evaluate(
    (root, [wanted, skip]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let at = text.indexOf(wanted as string); at !== -1; at = text.indexOf(wanted as string, at + 1)) {
          if (seen++ < (skip as number)) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + (wanted as string).length);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    },
    [word, nth] as const,
  );
  if (!box) throw new Error(`"${word}" is not in the task text`);
  return box;
}

/** A finger pressed at `from`, moved to `to` and lifted, as Chromium's touch input sees it. */
async function touchDrag(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 5; step++) {
    const point = { x: from.x + ((to.x - from.x) * step) / 5, y: from.y + ((to.y - from.y) * step) / 5 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function storedAnnotation(page: Page, taskText: string): Promise<Record<string, unknown> | undefined> {
  const task = (await storedRows(page, 'tasks')).find((t) => t.text === taskText);
  return (await storedRows(page, 'annotations')).find((a) => a.taskId === task?.id);
}

test('spans: a CoNLL file is imported, spans are labelled by keyboard and touch, suggestions accepted, and Label Studio and CoNLL exports are exact', async ({
  page,
  context,
  app,
  outsideRequests,
}) => {
  const annotator = await AnnotatorPage.openSavingDownloads(page, context, NOW);
  await waitForServiceWorker(page);
  await annotator.createProject('Field NER', ['PER', 'ORG', 'LOC'], 'Spans (names, places, …)');

  await page.getByLabel('Import tasks').setInputFiles(`${FIXTURES}/field-ner.conll`);
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('field-ner.conll looks like a CoNLL-2003 (IOB) file');
  await expect(page.getByLabel('Read it as')).toHaveValue('conll');
  await screenshot(page, 'import-detected-conll-desktop');
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: 'Import result for field-ner.conll' })).toContainText('field-ner.conll: imported 3 tasks');

  // Everything from here on works with the server gone.
  await app.stop();
  await context.setOffline(true);
  await annotator.openTab('Model');
  await page.getByRole('button', { name: 'Use fieldlabel/test-ner-tiny' }).click();
  await expect(page.getByRole('status', { name: 'Model state' })).toHaveText('Ready: suggests PER, ORG, LOC spans on the Annotate tab', { timeout: 30_000 });
  await screenshot(page, 'model-token-classifier-desktop');

  await annotator.openTab('Annotate');
  const editor = page.getByRole('textbox', { name: /^Task text/ });
  const spanTags = page.locator('.sp-tag.sp-span');
  const suggestionTags = page.locator('.sp-tag.sp-suggestion');
  // Label names are drawn after their spans, inside the text box: look for words between spans.
  await expect(editor).toContainText('visited');
  await expect(spanTags).toHaveText(['PER', 'LOC']);

  // Keyboard only: Kisumu is a place, "The station" an organisation.
  await page.keyboard.press('PageDown');
  await expect(editor).toContainText('The station in Kisumu reported rain .');
  await expect(spanTags).toHaveCount(0);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('3');
  await expect(spanTags).toHaveText(['LOC']);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(spanTags).toHaveText(['ORG', 'LOC']);
  // Each edit patches only the pieces it changed: every word is still there once, each tag right after its span.
  await expect(editor).toHaveText('The stationORG in KisumuLOC reported rain .');
  await screenshot(page, 'annotate-spans-desktop');
  // The focus ring goes round the text's scroll box when the text is reached by keyboard, not on a mouse press.
  const scroller = page.locator('.span-editor .scroller');
  await expect(scroller).toHaveCSS('outline-style', 'none');
  await editor.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(scroller).toHaveCSS('outline-style', 'solid');
  await page.getByText('Saved: 2 spans').click();
  await expect(scroller).toHaveCSS('outline-style', 'none');
  await page.mouse.click(...(Object.values(await wordCentre(page, 'reported')) as [number, number]));
  await expect(editor).toBeFocused();
  await expect(scroller).toHaveCSS('outline-style', 'none');
  // A CoNLL file is labelled data: every task came in labelled, so finishing one finds no open task and stays.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('All 3 tasks are labelled or skipped.')).toBeVisible();
  await page.keyboard.press('PageDown');

  // The model suggests Marie Curie; the annotator's own "Kisumu" comes back as a dictionary suggestion.
  await expect(editor).toContainText('met the');
  // The model's span carries its calibrated confidence and word: one finished task is no grounds for more than
  // "unsure". The dictionary gives no confidence.
  await expect(suggestionTags).toHaveText([/^PER \(suggested\) \d{1,2}% unsure$/, 'LOC (suggested)']);
  await expect(suggestionTags.first().locator('.sp-word')).toHaveText('unsure');
  const shownPercent = Number(/(\d+)%/.exec((await suggestionTags.first().textContent()) ?? '')?.[1]);
  await screenshot(page, 'annotate-span-suggestions-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'annotate-span-suggestions-tablet');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'annotate-span-suggestions-tablet-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('Enter');
  await expect(spanTags).toHaveText(['PER']);
  await expect(suggestionTags).toHaveText(['LOC (suggested)']);

  // Touch: tap "weather", drag the selection's end handle onto "team", tap the ORG button.
  await page.touchscreen.tap(...Object.values(await wordCentre(page, 'weather')) as [number, number]);
  const endHandle = page.locator('[data-handle="end"]');
  await expect(endHandle).toBeVisible();
  const handleBox = (await endHandle.boundingBox())!;
  const cdp = await context.newCDPSession(page);
  await touchDrag(cdp, { x: handleBox.x + handleBox.width / 2, y: handleBox.y + handleBox.height / 2 }, await wordCentre(page, 'team'));
  // The editor announces the selection to screen readers: the drag has landed when it says both words.
  await expect(page.getByText('selected: weather team')).toBeAttached();
  // Tapped right after the drag, as a quick finger does (Chromium then sends no click: the toolbar must not need one).
  await page.getByRole('button', { name: /ORG/ }).tap();
  await expect(spanTags).toHaveText(['PER', 'ORG']);
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'annotate-spans-tablet');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Done, next task' }).click();
  await annotator.expectProgress(3, 3);
  // The Model screen's reliability chart counts the model's spans on the finished tasks: Marie Curie kept, and
  // whatever it tagged on the others.
  await annotator.openTab('Model');
  await expect(page.getByText("A suggested span's confidence is calibrated on the model's spans in the tasks you finished")).toBeVisible();
  await expect(page.getByLabel('Calibration error')).not.toHaveText('—');
  await screenshot(page, 'model-span-reliability-desktop');

  const decided = await storedAnnotation(page, 'Marie Curie met the Kisumu weather team .');
  expect(decided).toMatchObject({
    status: 'labelled',
    value: ['0:11:PER', '27:39:ORG'],
    suggestion: { value: ['0:11:PER', '20:26:LOC'], modelVersion: 'dictionary+model' },
    suggestionOutcome: 'changed',
  });
  // What the annotation records of the suggestion is the calibrated confidence shown (the dictionary's LOC has none).
  expect(Math.abs(((decided?.suggestion as { confidence?: number } | undefined)?.confidence ?? -1) * 100 - shownPercent)).toBeLessThanOrEqual(0.5);

  await annotator.openTab('Sync');
  const exportAs = async (format: string): Promise<string> => {
    await page.getByLabel('Format for another tool').selectOption(format);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export for' }).click();
    const download = await downloading;
    return readFile(await download.path(), 'utf8');
  };

  const conll = await exportAs('conll');
  expect(conll).toBe(
    [
      '-DOCSTART- O', '', 'Ada B-PER', 'Lovelace I-PER', 'visited O', 'Paris B-LOC', '. O', '',
      '-DOCSTART- O', '', 'The B-ORG', 'station I-ORG', 'in O', 'Kisumu B-LOC', 'reported O', 'rain O', '. O', '',
      '-DOCSTART- O', '', 'Marie B-PER', 'Curie I-PER', 'met O', 'the O', 'Kisumu O', 'weather B-ORG', 'team I-ORG', '. O', '',
    ].map((line) => `${line}\n`).join(''),
  );

  const labelStudio = JSON.parse(await exportAs('labelstudio')) as unknown;
  const span = (start: number, end: number, text: string, label: string) => ({
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start, end, text, labels: [label] },
  });
  const tasks: [string, ReturnType<typeof span>[]][] = [
    ['Ada Lovelace visited Paris .', [span(0, 12, 'Ada Lovelace', 'PER'), span(21, 26, 'Paris', 'LOC')]],
    ['The station in Kisumu reported rain .', [span(0, 11, 'The station', 'ORG'), span(15, 21, 'Kisumu', 'LOC')]],
    ['Marie Curie met the Kisumu weather team .', [span(0, 11, 'Marie Curie', 'PER'), span(27, 39, 'weather team', 'ORG')]],
  ];
  expect(labelStudio).toEqual(
    tasks.map(([text, result]) => ({
      id: taskContentKey(text),
      data: { text },
      annotations: [{ result, was_cancelled: false, completed_by: 'Annotator' }],
      predictions: [],
    })),
  );
  expect(outsideRequests).toEqual([]);
});

/** A new span project (PER, ORG) holding one CoNLL document, open on the Annotate tab. */
async function annotateConll(page: Page, fileName: string, conll: string): Promise<void> {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Field notes', ['PER', 'ORG'], 'Spans (names, places, …)');
  await page.getByLabel('Import tasks').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(conll) });
  await page.getByRole('form', { name: 'Detected format' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: `Import result for ${fileName}` })).toContainText('imported 1 task');
  await annotator.openTab('Annotate');
}

/**
 * Another connection keeps the annotations store busy, so the app's label transactions wait until the returned
 * function lets them go on.
 */
async function holdAnnotationsStore(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('fieldlabel');
        open.onsuccess = () => {
          const store = open.result.transaction('annotations', 'readwrite').objectStore('annotations');
          const spin = () => {
            store.count().onsuccess = () => {
              if (!(window as unknown as { release?: boolean }).release) spin();
            };
          };
          spin();
          resolve();
        };
      }),
  );
  return async () => {
    await page.evaluate(() => ((window as unknown as { release?: boolean }).release = true));
  };
}

/** Waits until `box` (a cursor or selection box of the span editor) is drawn over every one of `words`. */
async function expectBoxOver(page: Page, box: Locator, words: string[]): Promise<void> {
  await expect
    .poll(async () => {
      // A box is drawn in pieces (see SelectionOverlay): where it is drawn is where its pieces are.
      const drawn = await box.evaluate((element) => {
        const rects = [...element.children].map((piece) => piece.getBoundingClientRect());
        if (rects.length === 0) return null;
        const x = Math.min(...rects.map((r) => r.left));
        const y = Math.min(...rects.map((r) => r.top));
        return { x, y, width: Math.max(...rects.map((r) => r.right)) - x, height: Math.max(...rects.map((r) => r.bottom)) - y };
      });
      const centres = await Promise.all(words.map((word) => wordCentre(page, word)));
      return drawn !== null && centres.every(({ x, y }) => x > drawn.x && x < drawn.x + drawn.width && y > drawn.y && y < drawn.y + drawn.height);
    }, { message: `box over ${words.join(' ')}` })
    .toBe(true);
}

test('spans: the cursor and selection boxes stay on their words across the paragraphs of a long text', async ({ page }) => {
  const sentences = [
    'Ada Lovelace visited Paris',
    'The station in Kisumu reported rain',
    'Marie Curie met the weather team',
    'Nairobi sent two engineers north',
    'A storm crossed Lake Victoria overnight',
    'Zanzibar welcomed the Tobermory crew',
  ];
  await annotateConll(page, 'notes.conll', `-DOCSTART- O\n\n${sentences.map((s) => s.split(' ').map((token) => `${token} O\n`).join('')).join('\n')}`);
  const editor = page.getByRole('textbox', { name: /^Task text/ });
  await expect(editor).toContainText('Tobermory');
  const cursor = page.locator('.span-editor [data-cursor]').first();
  const selection = page.locator('.span-editor .overlay .selection').first();
  await expectBoxOver(page, cursor, ['Ada']);
  // Six paragraphs, drawn in blocks of four: the fifth is in the second block.
  for (let i = 0; i < 24; i++) await page.keyboard.press('ArrowRight');
  await expectBoxOver(page, cursor, ['Lake']);
  // A label in the first paragraph adds a tag there; the last paragraph's words are still found after it.
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(page.locator('.sp-tag.sp-span')).toHaveText(['PER']);
  await page.keyboard.press('End');
  await expectBoxOver(page, cursor, ['crew']);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(page.locator('.sp-tag.sp-span')).toHaveText(['PER', 'ORG']);
  await expectBoxOver(page, selection, ['Tobermory', 'crew']);
});

test('spans: a label is stored even when no frame is drawn after it (a hidden page draws none)', async ({ page }) => {
  await annotateConll(page, 'one.conll', 'Ada O\nLovelace O\nvisited O\nParis O\n');
  await expect(page.getByRole('textbox', { name: /^Task text/ })).toContainText('Lovelace');

  // A span label is written once the frame showing it is painted. Headless Chromium never hides a page (a tablet
  // screen turning off does), so the page is made to draw no more frames the way a hidden one does: animation
  // frame callbacks never run.
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0;
  });
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(page.locator('.sp-tag.sp-span')).toHaveText(['PER']);
  await expect.poll(async () => (await storedAnnotation(page, 'Ada Lovelace visited Paris'))?.value).toEqual(['0:12:PER']);
});

test('spans: closing the page while a label is being stored asks first, and the label is stored meanwhile', async ({ page, context }) => {
  await annotateConll(page, 'one.conll', 'Ada O\nLovelace O\nvisited O\nParis O\n');
  await expect(page.getByRole('textbox', { name: /^Task text/ })).toContainText('Lovelace');

  const release = await holdAnnotationsStore(page);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(page.locator('.sp-tag.sp-span')).toHaveText(['PER']);

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  await release();
  await expect.poll(async () => (await storedAnnotation(page, 'Ada Lovelace visited Paris'))?.value).toEqual(['0:12:PER']);
  // Nothing left to store: the page closes without asking.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(dialogs).toEqual(['beforeunload']);
  const again = await context.newPage();
  await again.goto('/');
  expect((await storedAnnotation(again, 'Ada Lovelace visited Paris'))?.value).toEqual(['0:12:PER']);
});

test('spans: a label undone with Backspace before it was stored never shows again when its save comes back', async ({ page }) => {
  await annotateConll(page, 'one.conll', 'Ada O\nLovelace O\nvisited O\nParis O\n');
  const tags = page.locator('.sp-tag.sp-span');
  await expect(page.getByRole('textbox', { name: /^Task text/ })).toContainText('Lovelace');
  const release = await holdAnnotationsStore(page);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(tags).toHaveText(['PER']);
  await page.keyboard.press('Backspace');
  await expect(tags).toHaveCount(0);
  // From here on, every change of the text is checked for a span tag.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { tagsSeen: number[] }).tagsSeen = seen;
    new MutationObserver(() => seen.push(document.querySelectorAll('.sp-tag.sp-span').length)).observe(document.querySelector('.span-editor')!, {
      childList: true,
      subtree: true,
    });
  });
  await release();
  // Both edits are stored (the label, then its removal), one after the other.
  await expect.poll(async () => (await storedAnnotation(page, 'Ada Lovelace visited Paris'))?.status).toBe('retracted');
  // Removing the last span leaves the task open, and says how to record that there is nothing to mark.
  await expect(page.getByText('No spans left: the task is open again.')).toBeVisible();
  await new AnnotatorPage(page).expectProgress(0, 1);
  expect(await page.evaluate(() => (window as unknown as { tagsSeen: number[] }).tagsSeen.filter((count) => count > 0))).toEqual([]);
});
