// The span editor on a long labelled document (issue #5): how long the 5,000-word text with its 500 span tags takes
// to appear when the annotator moves to it, and keypress → paint while they move, select and label in it.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { CONLL_LABELS, writeSpansDocument, type ConllFile } from './support/conll-data';
import { installSpanKeyProbe, pressSpanKeys, SPAN_EDITOR_SELECTOR, SPAN_TAG_SELECTOR, timeTaskRender } from './support/span-probe';
import { measureRenderFloor, snapshotEditor } from './support/render-floor';
import { openSpanProject, timedConllImport } from './support/span-project';
import { median, percentile, round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

const WORDS = 5_000;
const SPANS = 500;
const RENDERS = 7;
/**
 * One cycle: four words right, a three-word selection (Shift+→ twice, from the cursor word or from the span it
 * landed in), then a label key (1, 2, 3 in turn). Every press changes the editor: the selection always covers at
 * least three words and the document's own spans at most two, so a label key never just re-selects a span.
 */
const CYCLE = ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'Shift+ArrowRight', 'Shift+ArrowRight', 'LABEL'];
const PRESSES = 203; // 29 cycles
const FLOOR_PATH = '/__bench/spans-floor.html';

export const spansTargets: Record<string, Target> = {
  // One frame at 60 Hz.
  'spans.keypress_to_paint.p95_ms': { atMost: 16 },
};

function pressSequence(): string[] {
  let label = 0;
  return Array.from({ length: PRESSES }, (_, i) => {
    const key = CYCLE[i % CYCLE.length] as string;
    return key === 'LABEL' ? String((label++ % 3) + 1) : key;
  });
}

export async function measureSpans(bench: Bench): Promise<Figures> {
  const file = await writeSpansDocument(bench.workDir, WORDS, SPANS);
  const longTags = SPANS;
  const shortTags = file.spans - SPANS;
  const { page, annotator } = await openSpanProject(bench, 'Bench spans', CONLL_LABELS);
  await timedConllImport(page, file);
  await annotator.openTab('Annotate');
  const editor = page.locator(SPAN_EDITOR_SELECTOR);
  await editor.waitFor();
  // The long document's length tells it apart from the short one: its text without the tags' label names.
  const [shortTokens, longTokens] = await documentTokens(file);
  if (longTokens?.length !== WORDS || shortTokens === undefined) throw new Error(`${file.fileName} does not hold a ${WORDS}-word document after a short one.`);
  const longChars = longTokens.join(' ').length;
  if (((await editor.textContent()) ?? '').length >= longChars) {
    throw new Error('The Annotate tab opened on the long document; the bench expects the short one first.');
  }

  await waitForTags(page, shortTags);
  const shortEditor = await snapshotEditor(page);
  const renders: { dom: number; paint: number }[] = [];
  for (let i = 0; i < RENDERS; i++) {
    await waitForTags(page, shortTags);
    await bench.quiet();
    renders.push(await timeTaskRender(page, 'PageDown', longTags, longChars));
    // The last one stays on the long document for the key presses.
    if (i < RENDERS - 1) await page.keyboard.press('PageUp');
  }

  const longEditor = await snapshotEditor(page);
  const before = await spanIds(page);
  await bench.quiet();
  await installSpanKeyProbe(page);
  const keys = pressSequence();
  const samples = await pressSpanKeys(page, keys);
  // Each label key made a span of its own that nothing later removed: check the presses did the work.
  const labelPresses = keys.filter((k) => /^\d$/.test(k)).length;
  const added = [...(await spanIds(page))].filter((id) => !before.has(id)).length;
  if (added !== labelPresses) throw new Error(`Expected ${labelPresses} new spans after the label keys, found ${added}.`);

  await page.close();
  const floor = await measureFloor(bench, longTokens.join(' '));
  const renderFloor = await measureRenderFloor(bench, shortEditor, longEditor, { tags: longTags, chars: longChars }, RENDERS);
  // Per kind of key: a move only shifts the cursor box, a label re-renders one paragraph and stores the task. The
  // two moves after a label are kept apart: the stored task comes back to the editor while they run.
  const ofKind = (test: (key: string, i: number) => boolean) => samples.paint.filter((_, i) => test(keys[i] as string, i));
  const afterLabel = (i: number) => i >= CYCLE.length && i % CYCLE.length < 2;
  const movePaint = ofKind((k, i) => k === 'ArrowRight' && !afterLabel(i));
  const afterLabelPaint = ofKind((k, i) => k === 'ArrowRight' && afterLabel(i));
  const extendPaint = ofKind((k) => k === 'Shift+ArrowRight');
  const labelPaint = ofKind((k) => /^\d$/.test(k));
  const firstRender = renders[0] as { dom: number; paint: number };
  const renderMs = median(renders.map((r) => r.paint));
  const renderFloorMs = median(renderFloor);
  const p95 = percentile(samples.paint, 95);
  const floorP95 = percentile(floor, 95);
  return {
    'spans.render_ms': round(renderMs),
    'spans.render_max_ms': round(Math.max(...renders.map((r) => r.paint))),
    'spans.render_first_ms': round(firstRender.paint),
    'spans.render_to_dom_ms': round(median(renders.map((r) => r.dom))),
    'spans.render_floor_ms': round(renderFloorMs),
    'spans.render_floor_ratio': round(renderMs / renderFloorMs, 3),
    'spans.keypress_to_paint.median_ms': round(median(samples.paint)),
    'spans.keypress_to_paint.p95_ms': round(p95),
    'spans.keypress_to_paint.max_ms': round(Math.max(...samples.paint)),
    'spans.keypress_to_dom.median_ms': round(median(samples.dom)),
    'spans.keypress_to_dom.p95_ms': round(percentile(samples.dom, 95)),
    'spans.move_to_paint.median_ms': round(median(movePaint)),
    'spans.move_to_paint.p95_ms': round(percentile(movePaint, 95)),
    'spans.move_after_label_to_paint.median_ms': round(median(afterLabelPaint)),
    'spans.move_after_label_to_paint.p95_ms': round(percentile(afterLabelPaint, 95)),
    'spans.extend_to_paint.median_ms': round(median(extendPaint)),
    'spans.extend_to_paint.p95_ms': round(percentile(extendPaint, 95)),
    'spans.label_to_paint.median_ms': round(median(labelPaint)),
    'spans.label_to_paint.max_ms': round(Math.max(...labelPaint)),
    'spans.keypress_to_paint.floor_median_ms': round(median(floor)),
    'spans.keypress_to_paint.floor_p95_ms': round(floorP95),
    // The target above is an absolute 16 ms, but on this machine the floor alone sits at 15–16 ms: this says how
    // much of the p95 is the editor's own, measured side by side in the same run (1 = no slower than a bare page).
    'spans.keypress_to_paint.p95_floor_ratio': round(p95 / floorP95, 3),
    'spans.words': longTokens.length,
    'spans.tags': longTags,
  };
}

/**
 * The floor: the same instrument and presses on a bare page holding the same text, whose keydown handler only moves
 * a cursor box. What no editor can beat on this machine: the wait for the next frame and painting over that text.
 */
async function measureFloor(bench: Bench, text: string): Promise<number[]> {
  const page = await bench.context.newPage();
  try {
    const handler = `let n = 0; addEventListener('keydown', (e) => { if (e.key !== 'Shift') document.querySelector('.cursor').style.left = (++n % 600) + 'px'; });`;
    const body = `<div class="span-editor" style="position: relative"><div role="textbox" aria-label="Task text" style="max-width: 75ch; line-height: 2.1; white-space: pre-wrap">${text}</div><div class="cursor" style="position: absolute; top: 0; width: 40px; height: 20px; border: 2px solid blue"></div></div>`;
    await page.route(`${bench.origin}${FLOOR_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html>${body}<script>${handler}</script>` }),
    );
    await page.goto(`${bench.origin}${FLOOR_PATH}`);
    await bench.quiet();
    await installSpanKeyProbe(page);
    return (await pressSpanKeys(page, pressSequence())).paint;
  } finally {
    await page.close();
  }
}

/** Each document's tokens, in file order. */
async function documentTokens(file: ConllFile): Promise<string[][]> {
  const text = await readFile(file.path, 'utf8');
  return text
    .split('-DOCSTART- O\n')
    .slice(1)
    .map((doc) => doc.split('\n').filter((line) => line.trim() !== '').map((line) => line.split(' ')[0] as string));
}

function waitForTags(page: Page, count: number): Promise<unknown> {
  return page.waitForFunction(
    ({ editor, tag, count }) => document.querySelector(editor)?.querySelectorAll(tag).length === count,
    { editor: SPAN_EDITOR_SELECTOR, tag: SPAN_TAG_SELECTOR, count },
    { timeout: 30_000 },
  );
}

/** Every span tag's identity (start:end:label) in the editor. */
async function spanIds(page: Page): Promise<Set<string>> {
  const ids = await page.locator(`${SPAN_EDITOR_SELECTOR} ${SPAN_TAG_SELECTOR}`).evaluateAll((tags) => tags.map((t) => (t as HTMLElement).dataset.span ?? ''));
  return new Set(ids);
}
