// Embedding in the browser through the app's own path: a project with the texts imported through the Import tab,
// the Model tab's "Use <model>" button, the model worker (src/lib/model/model.worker.ts) embedding the tasks in
// chunks (embed-loop.ts) and storing them, and the page showing "Embedded n / N tasks" as chunks land.
//
// What is timed, inside the page: from the moment the page first shows "Embedded 0 / N tasks" to the moment it
// shows "Embedded N / N tasks". The worker renders the 0 / N line only once the encoder is loaded, its probe text
// (encoder.ts) and the label descriptions have run through the model (the warm-up) and the head was retrained:
// model loading and first-run costs stay outside; every task's tokenisation, inference, pooling, IndexedDB write
// and progress message stays inside. The click → N / N span (load included) is kept as well, for reference.
import type { BrowserContext, Page } from '@playwright/test';
import { THREADS_KEY } from '../../src/lib/model/client';
import { ISOLATION_HEADERS } from '../../src/sw/isolation';
import { AnnotatorPage } from '../../tests/e2e/support/annotator-page';
import { serveDirectory, type RunningServer } from '../../tests/e2e/support/static-server';
import type { Dataset } from './dataset';

export const EMBED_LABELS = ['Positive', 'Negative', 'Neutral'];

export interface BrowserRun {
  /** "Embedded 0 / N" shown → "Embedded N / N" shown: the embedding of N tasks, model already loaded and warm. */
  embedMs: number;
  /** Click on "Use <model>" → "Embedded N / N" shown: model load and warm-up included. */
  clickToDoneMs: number;
  /** When each "Embedded n / N" line first appeared, ms after the 0 / N line: one per stored chunk. */
  chunkMarks: [number, number][];
  /** The page's (and the model worker's) view: isolation decides whether onnxruntime may use threads. */
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /**
   * Whether the model worker fetched onnxruntime's threaded wasm: it does only when it asks for more than one
   * thread (src/lib/model/threads.ts decides how many) and the page is isolated.
   */
  threadedWasm: boolean;
}

/** One origin for one isolation mode; each run is a fresh page and project on it. */
export class EmbedSite {
  private runs = 0;
  private constructor(
    readonly isolated: boolean,
    private readonly server: RunningServer,
  ) {}

  /**
   * Without the headers the page is not cross-origin isolated (the bench context blocks service workers, which
   * would add them): onnxruntime then runs on one thread. With them it gets SharedArrayBuffer and threads.
   */
  static async start(dist: string, isolated: boolean): Promise<EmbedSite> {
    return new EmbedSite(isolated, await serveDirectory(dist, isolated ? ISOLATION_HEADERS : {}));
  }

  get origin(): string {
    return this.server.origin;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** `beforeTiming` runs once the project is ready and the Use button is on screen (the bench waits for quiet there). */
  async run(context: BrowserContext, dataset: Dataset, modelName: string, beforeTiming: () => Promise<unknown>): Promise<BrowserRun> {
    const page = await context.newPage();
    let threadedWasm = false;
    page.on('request', (request) => {
      if (/ort-wasm(-simd)?-threaded[^/]*\.wasm/.test(request.url())) threadedWasm = true;
    });
    try {
      await page.goto(`${this.origin}/`);
      // The isolated site measures the Model tab's "Use all cores" choice, saved before the worker starts (the
      // reload below starts a fresh one); without isolation the choice would change nothing anyway.
      if (this.isolated) await page.evaluate((key) => localStorage.setItem(key, 'all'), THREADS_KEY);
      const isolation = await isolationOf(page);
      if (isolation.page !== this.isolated || isolation.worker !== this.isolated) {
        throw new Error(`Expected crossOriginIsolated === ${this.isolated}, got page ${isolation.page}, worker ${isolation.worker}.`);
      }
      const annotator = new AnnotatorPage(page);
      this.runs++;
      await annotator.createProject(`Embed ${this.isolated ? 'threads' : '1 thread'} #${this.runs}`, EMBED_LABELS);
      const result = await annotator.importFile(dataset.path, dataset.fileName);
      const expected = `imported ${dataset.rows.toLocaleString('en-US')} tasks`;
      if (!((await result.textContent()) ?? '').includes(expected)) throw new Error(`The import did not report "${expected}".`);
      // A fresh load straight onto the project's Model tab: the import and the tab switch each make the page
      // reopen the project in the model worker, and a click on "Use" while those overlap was seen (2 runs in
      // ~20) to leave the embedding's progress events with a session the page no longer shows. One load, one open.
      const projectId = /#\/project\/([^/]+)/.exec(page.url())?.[1];
      if (!projectId) throw new Error(`No project id in ${page.url()}`);
      await page.evaluate((hash) => (location.hash = hash), `#/project/${projectId}/model`);
      await page.reload();
      const use = page.getByRole('button', { name: `Use ${modelName}` });
      await use.waitFor({ timeout: 30_000 });
      await beforeTiming();

      await installEmbedProbe(page, `Use ${modelName}`);
      await use.click();
      const probe = await waitForEmbedded(page, dataset.rows);
      const alert = page.getByRole('alert');
      if ((await alert.count()) > 0) throw new Error(`The Model tab shows a problem: ${await alert.first().textContent()}`);
      // The work really happened: every task of this project has a stored vector of this model.
      const stored = await storedEmbeddings(page, decodeURIComponent(projectId));
      if (stored.count !== dataset.rows || stored.dims !== 384) {
        throw new Error(`Expected ${dataset.rows} stored 384-d vectors, found ${stored.count} (dims ${stored.dims}).`);
      }
      const zero = probe.marks[0] as number;
      return {
        embedMs: (probe.marks[dataset.rows] as number) - zero,
        clickToDoneMs: (probe.marks[dataset.rows] as number) - (probe.click as number),
        chunkMarks: Object.entries(probe.marks)
          .map(([done, at]) => [Number(done), at - zero] as [number, number])
          .sort((a, b) => a[0] - b[0]),
        crossOriginIsolated: isolation.page,
        hardwareConcurrency: isolation.hardwareConcurrency,
        threadedWasm,
      };
    } finally {
      await page.close();
    }
  }
}

async function isolationOf(page: Page): Promise<{ page: boolean; worker: boolean; hardwareConcurrency: number }> {
  return page.evaluate(async () => {
    // A dedicated worker inherits the page's isolation; checked anyway, since the model worker is what matters.
    const source = 'postMessage(self.crossOriginIsolated)';
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    const inWorker = await new Promise<boolean>((resolve) => (worker.onmessage = (e) => resolve(e.data as boolean)));
    worker.terminate();
    return { page: self.crossOriginIsolated, worker: inWorker, hardwareConcurrency: navigator.hardwareConcurrency };
  });
}

type EmbedProbe = { click: number | null; marks: Record<number, number>; total: number | null; seen: string[] };
type ProbeWindow = { __benchEmbed: EmbedProbe };

/** Timestamps taken in the page: the click on the Use button, and the first sight of each "Embedded n / N" line. */
function installEmbedProbe(page: Page, buttonName: string): Promise<void> {
  return page.evaluate((buttonName) => {
    const probe: EmbedProbe = { click: null, marks: {}, total: null, seen: [] };
    (window as unknown as ProbeWindow).__benchEmbed = probe;
    document.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element | null)?.closest('button');
        if (button?.getAttribute('aria-label') === buttonName) probe.click ??= event.timeStamp;
      },
      { capture: true },
    );
    const pattern = /Embedded ([\d,]+) \/ ([\d,]+) tasks/;
    let last = '';
    new MutationObserver(() => {
      const now = performance.now();
      // The Active model card's text as it changes, for the error message when the expected ones never show.
      const card = document.querySelector('.card')?.textContent ?? '';
      if (card !== last) probe.seen.push(`${Math.round(now)} ${(last = card).trim().replace(/\s+/g, ' ').slice(0, 400)}`);
      for (const p of document.querySelectorAll('p')) {
        const match = pattern.exec(p.textContent ?? '');
        if (!match) continue;
        const done = Number((match[1] as string).replaceAll(',', ''));
        probe.total = Number((match[2] as string).replaceAll(',', ''));
        probe.marks[done] ??= now;
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, buttonName);
}

async function waitForEmbedded(page: Page, total: number): Promise<EmbedProbe> {
  // A generous ceiling: a slow machine must give a slow figure, not a timeout. Polling only reads the marks.
  await page.waitForFunction((n) => (window as unknown as ProbeWindow).__benchEmbed.marks[n] !== undefined, total, {
    timeout: 600_000,
    polling: 100,
  });
  const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__benchEmbed);
  if (probe.total !== total) throw new Error(`The Model tab counts ${probe.total} tasks, not ${total}.`);
  if (probe.click === null) throw new Error('The click on the Use button was not seen.');
  if (probe.marks[0] === undefined) {
    throw new Error(`"Embedded 0 / N tasks" never showed: cannot separate loading from embedding. Seen:\n${probe.seen.join('\n')}`);
  }
  return probe;
}

/** Rows in the app's embeddings table for the project, and the length of their vectors. */
function storedEmbeddings(page: Page, projectId: string): Promise<{ count: number; dims: number }> {
  return page.evaluate(
    (id) =>
      new Promise<{ count: number; dims: number }>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // Arrays sort after strings in IndexedDB keys: every [projectId, taskId] of this project.
          const range = IDBKeyRange.bound([id, ''], [id, []]);
          const rows = db.transaction('embeddings').objectStore('embeddings').getAll(range);
          rows.onerror = () => reject(rows.error);
          rows.onsuccess = () => {
            const vectors = rows.result as { vector: Float32Array }[];
            db.close();
            resolve({ count: vectors.length, dims: vectors[0]?.vector.length ?? 0 });
          };
        };
      }),
    projectId,
  );
}
