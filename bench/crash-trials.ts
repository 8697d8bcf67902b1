// `npm run crash-trials -- [runs]`: the crash the issue describes, repeated. Each run: a fresh on-disk profile, a
// 100,000-task import, five labels 300 ms apart, SIGKILL to the whole browser about a second later, a restart. Then
// it reads the database as Chromium left it (with the service worker blocked and before the app runs), and again
// once the app has started and restored what its second copy holds. Prints one JSON report.
import { chromium } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../scripts/chromium';
import { AnnotatorPage } from '../tests/e2e/support/annotator-page';
import { launchKillable } from '../tests/e2e/support/killable-browser';
import { serveDirectory } from '../tests/e2e/support/static-server';
import { buildApp } from './support/app';

interface Counts {
  projects: number;
  tasks: number;
  labelled: number;
}

interface Trial {
  /** Labels the screen had counted as stored before the kill. */
  shownStored: number;
  raw: Counts | null;
  afterApp: Counts | null;
  notice: string | null;
}

const TASKS = 100_000;

function countsInPage(): Promise<Counts | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open('fieldlabel');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('projects')) return resolve({ projects: 0, tasks: 0, labelled: 0 });
      const tx = db.transaction(['projects', 'tasks', 'annotations']);
      const counts = { projects: 0, tasks: 0, labelled: 0 };
      tx.objectStore('projects').count().onsuccess = (e) => (counts.projects = (e.target as IDBRequest<number>).result);
      tx.objectStore('tasks').count().onsuccess = (e) => (counts.tasks = (e.target as IDBRequest<number>).result);
      tx.objectStore('annotations').getAll().onsuccess = (e) =>
        (counts.labelled = (e.target as IDBRequest<{ status: string }[]>).result.filter((a) => a.status === 'labelled').length);
      tx.oncomplete = () => {
        db.close();
        resolve(counts);
      };
    };
  });
}

async function trial(origin: string, file: string): Promise<Trial> {
  const profile = await mkdtemp(join(tmpdir(), 'fieldlabel-crash-'));
  try {
    const browser = await launchKillable(profile);
    const annotator = new AnnotatorPage(browser.page);
    await browser.page.goto(`${origin}/`);
    await annotator.createProject('Crash', ['Yes', 'No']);
    await browser.page.getByLabel('Import tasks').setInputFiles(file);
    await browser.page.getByRole('status', { name: 'Import result for tasks.jsonl' }).waitFor({ timeout: 300_000 });
    await annotator.openTab('Annotate');
    await annotator.taskText.waitFor();
    for (let i = 0; i < 5; i++) {
      await browser.page.keyboard.press(i % 2 === 0 ? '1' : '2');
      await browser.page.waitForTimeout(300);
    }
    await browser.page.waitForTimeout(700);
    const shown = Number(/^([\d,]+) \//.exec((await annotator.progress.textContent())?.trim() ?? '')?.[1]?.replace(/,/g, '') ?? 0);
    await browser.kill();

    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: chromiumArgs, headless: true, serviceWorkers: 'block' });
    const page = context.pages()[0] ?? (await context.newPage());
    // A page of the origin that is not the app: the database as Chromium left it.
    await page.goto(`${origin}/online-check.txt`);
    const raw = await page.evaluate(countsInPage);
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    const alert = page.getByRole('alert').filter({ hasText: /second copy/ });
    const notice = (await alert.count()) > 0 ? await alert.first().textContent() : null;
    const afterApp = await page.evaluate(countsInPage);
    await context.close();
    return { shownStored: shown, raw, afterApp, notice };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 50);
  const work = await mkdtemp(join(tmpdir(), 'fieldlabel-crash-work-'));
  const dist = join(work, 'dist');
  buildApp(dist);
  const server = await serveDirectory(dist);
  const file = join(work, 'tasks.jsonl');
  await writeFile(file, Array.from({ length: TASKS }, (_, i) => JSON.stringify({ id: `t${i}`, text: `Report ${i} from the district.` })).join('\n'));
  const trials: Trial[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await trial(server.origin, file);
    trials.push(t);
    console.error(`run ${i + 1}/${runs}: shown ${t.shownStored}, raw ${JSON.stringify(t.raw)}, after app ${JSON.stringify(t.afterApp)}${t.notice ? ' (restored)' : ''}`);
  }
  await server.stop();
  await rm(work, { recursive: true, force: true });
  const lostDb = trials.filter((t) => !t.raw || t.raw.projects === 0).length;
  const rawLost = trials.reduce((n, t) => n + Math.max(0, 5 - (t.raw?.labelled ?? 0)), 0);
  const appLost = trials.reduce((n, t) => n + Math.max(0, 5 - (t.afterApp?.labelled ?? 0)), 0);
  console.log(
    JSON.stringify(
      {
        runs,
        'crash.database_lost': lostDb,
        'crash.labels_lost_before_restore': rawLost,
        'crash.labels_lost_after_restore': appLost,
        'crash.restored_runs': trials.filter((t) => t.notice !== null).length,
        'crash.labels_shown_stored_lost': trials.reduce((n, t) => n + Math.max(0, t.shownStored - (t.afterApp?.labelled ?? 0)), 0),
      },
      null,
      2,
    ),
  );
}

await main();
