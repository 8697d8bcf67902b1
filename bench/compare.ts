// The "Compare responses" screen (issue #19) with two 2,000-word markdown responses holding code: how long a task
// takes to appear when the annotator moves to it, and keypress → paint while they judge. Each figure has a floor
// measured in the same run with the same instrument: a bare page swapping in the screen's finished markup (render),
// or changing the same two buttons (keys), so `*_floor_ratio` says how much is the screen's own work.
import type { Page } from '@playwright/test';
import { compareTasks, endMarker, type BenchTask } from './compare-data';
import { median, percentile, round } from './support/stats';
import { installKeyProbe, pressAndWait, timeKeyToRender } from './support/paint-probe';
import type { Bench, Figures, Target } from './support/types';

const TASKS = 2;
const RENDERS = 7;
/** A and B in turn: every press changes the preference, so every press changes the screen. */
const PRESSES = 200;
const ROOT_SELECTOR = 'section.compare';
const FLOOR_PATH = '/__bench/compare-floor.html';

export const compareTargets: Record<string, Target> = {
  'compare.render_floor_ratio': { atMost: 1.1 },
  'compare.keypress_to_paint.p95_floor_ratio': { atMost: 1.1 },
};

interface Snapshot {
  html: string;
  css: string;
  rootAttributes: [string, string][];
  width: number;
}

export async function measureCompare(bench: Bench): Promise<Figures> {
  const tasks = compareTasks(TASKS);
  const page = await openCompareProject(bench, tasks);
  const markers = (t: number) => [endMarker(t, 0), endMarker(t, 1)];
  await page.waitForFunction((m) => m.every((marker) => document.body.textContent?.includes(marker)), markers(0), { timeout: 60_000 });
  const first = await snapshot(page);

  const renders: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    await bench.quiet();
    renders.push(await timeRender(page, 'ArrowRight', markers(1)));
    // The last one stays on the second task for the key presses.
    if (i < RENDERS - 1) await backTo(page, markers(0));
  }
  const second = await snapshot(page);
  await bench.quiet();
  const keys = Array.from({ length: PRESSES }, (_, i) => (i % 2 === 0 ? 'a' : 'b'));
  const paint = await pressKeys(page, keys, ROOT_SELECTOR);
  await page.close();

  const renderFloor = await measureRenderFloor(bench, first, second, markers(1));
  const keyFloor = await measureKeyFloor(bench, second, keys);
  const renderMs = median(renders);
  const renderFloorMs = median(renderFloor);
  const p95 = percentile(paint, 95);
  const floorP95 = percentile(keyFloor, 95);
  return {
    'compare.render_ms': round(renderMs),
    'compare.render_max_ms': round(Math.max(...renders)),
    'compare.render_floor_ms': round(renderFloorMs),
    'compare.render_floor_ratio': round(renderMs / renderFloorMs, 3),
    'compare.keypress_to_paint.median_ms': round(median(paint)),
    'compare.keypress_to_paint.p95_ms': round(p95),
    'compare.keypress_to_paint.floor_median_ms': round(median(keyFloor)),
    'compare.keypress_to_paint.floor_p95_ms': round(floorP95),
    'compare.keypress_to_paint.p95_floor_ratio': round(p95 / floorP95, 3),
  };
}

/** A compare project made with the New project form, its tasks stored as the compare import stores them. */
async function openCompareProject(bench: Bench, tasks: BenchTask[]): Promise<Page> {
  const page = await bench.context.newPage();
  await page.goto(`${bench.origin}/`);
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Bench compare');
  await page.getByLabel('Task type').selectOption({ label: 'Compare responses' });
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/#\/project\/[^/]+\/import$/);
  const projectId = decodeURIComponent(/#\/project\/([^/]+)\//.exec(page.url())?.[1] ?? '');
  await page.evaluate(
    ({ projectId, tasks }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['tasks', 'projects'], 'readwrite');
          tasks.forEach((task, seq) => {
            const text = task.compare.messages.map((m) => m.content).join('\n\n');
            tx.objectStore('tasks').put({ projectId, id: task.id, seq, text, meta: {}, importId: 'bench-seed', compare: task.compare });
          });
          const projects = tx.objectStore('projects');
          const get = projects.get(projectId);
          get.onsuccess = () => projects.put({ ...get.result, nextSeq: tasks.length });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { projectId, tasks },
  );
  await page.goto(`${bench.origin}/#/project/${encodeURIComponent(projectId)}/annotate`);
  await page.reload();
  return page;
}

async function backTo(page: Page, markers: string[]): Promise<void> {
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((m) => m.every((marker) => document.body.textContent?.includes(marker)), markers, { timeout: 60_000 });
}

/** Keydown `key` → every marker on the page → the next paint, timed inside the page. */
async function timeRender(page: Page, key: string, markers: string[]): Promise<number> {
  return (await timeKeyToRender(page, key, { markers, box: null })).paint;
}

/** Presses each key once its previous paint was recorded; any change under `root` (attributes too) is its change. */
async function pressKeys(page: Page, keys: readonly string[], root: string): Promise<number[]> {
  await installKeyProbe(page, { name: 'compareKeys', key: null, ignore: [], root, within: null, textOf: null, attributes: true, missing: `No ${root} on the page` });
  return (await pressAndWait(page, 'compareKeys', keys, 'Press {n} changed nothing on the compare screen within 30 s')).paint;
}

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) throw new Error(`No ${selector} on the page`);
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    const rootAttributes = [...document.documentElement.attributes].map((a): [string, string] => [a.name, a.value]);
    return { html: root.outerHTML, css, rootAttributes, width: root.getBoundingClientRect().width };
  }, ROOT_SELECTOR);
}

/** A bare page holding `shown`'s markup with the app's CSS, whose `script` reacts to keys. */
async function floorPage(bench: Bench, shown: Snapshot, script: string): Promise<Page> {
  const page = await bench.context.newPage();
  const attributes = shown.rootAttributes.map(([name, value]) => ` ${name}="${value.replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`)}"`).join('');
  const body = `<!doctype html><html${attributes}><head><style>${shown.css}</style></head><body><div id="host" style="width: ${shown.width}px; margin: 0 auto"></div><script>${script}</script></body></html>`;
  await page.route(`${bench.origin}${FLOOR_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(`${bench.origin}${FLOOR_PATH}`);
  return page;
}

/** Inside a script element "</" would end it early. */
function markup(html: string): string {
  return JSON.stringify(html).replace(/<\//g, '<\\/');
}

/** The finished markup of the second task swapped in on ArrowRight (the first on ArrowLeft): no rendering of its own. */
async function measureRenderFloor(bench: Bench, from: Snapshot, to: Snapshot, markers: string[]): Promise<number[]> {
  const script = `const FROM = ${markup(from.html)}, TO = ${markup(to.html)}; const host = document.getElementById('host'); host.innerHTML = FROM;
addEventListener('keydown', (event) => { host.innerHTML = event.key === 'ArrowRight' ? TO : FROM; });`;
  const page = await floorPage(bench, to, script);
  try {
    const samples: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      await bench.quiet();
      samples.push(await timeRender(page, 'ArrowRight', markers));
      await page.keyboard.press('ArrowLeft');
    }
    return samples;
  } finally {
    await page.close();
  }
}

/** The same presses on the second task's markup, each only flipping which of the first two buttons is shown pressed. */
async function measureKeyFloor(bench: Bench, shown: Snapshot, keys: readonly string[]): Promise<number[]> {
  const script = `const host = document.getElementById('host'); host.innerHTML = ${markup(shown.html)};
const buttons = host.querySelectorAll('[aria-pressed]');
addEventListener('keydown', (event) => { const a = event.key === 'a'; [a, !a].forEach((on, i) => { buttons[i].setAttribute('aria-pressed', String(on)); buttons[i].classList.toggle('chosen', on); }); });`;
  const page = await floorPage(bench, shown, script);
  try {
    await bench.quiet();
    return await pressKeys(page, keys, ROOT_SELECTOR);
  } finally {
    await page.close();
  }
}
