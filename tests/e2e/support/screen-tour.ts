// Every screen of the app, reached the way an annotator and a coordinator would, each handed to a check (axe, a
// measure of the page's width). The names in it are the caller's: ordinary ones, or ones made to overflow.
import type { BrowserContext, Page } from '@playwright/test';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AnnotatorPage } from './annotator-page';
import { FIXTURES, expect } from './fixtures';
import { labelFile } from './sync-files';

export interface TourNames {
  /** A project's name, by its kind. */
  project: (kind: 'single' | 'multi' | 'spans') => string;
  /** The single- and multi-label projects' labels. */
  labels: string[];
  /** The annotator's name, set on the Settings screen (at most 80 characters). */
  annotator: string;
  /** Another annotator's, from the label file they handed back. */
  otherAnnotator: string;
  /** Names of the task file, the CoNLL file and the other annotator's label file, without their extensions. */
  taskFile: string;
  conllFile: string;
  labelFile: string;
  /** Texts of the tasks imported into the single- and multi-label projects. */
  tasks: string[];
}

export type ScreenCheck = (screen: string, page: Page) => Promise<void>;

const projectLink = (page: Page) => page.getByRole('link', { name: 'fieldlabel: all projects' });

async function writeTaskFiles(names: TourNames): Promise<{ tasks: string; conll: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-tour-'));
  const tasks = join(dir, `${names.taskFile}.jsonl`);
  await writeFile(tasks, names.tasks.map((text, i) => `${JSON.stringify({ id: `t${i}`, text })}\n`).join(''));
  const conll = join(dir, `${names.conllFile}.conll`);
  await copyFile(`${FIXTURES}/field-ner.conll`, conll);
  return { tasks, conll };
}

/** Makes the browser report low storage, as a device with 150 MB left would, from the next page load on. */
async function fakeLowStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    Object.defineProperty(StorageManager.prototype, 'estimate', { value: async () => ({ usage: 20e6, quota: 170e6 }) });
  });
}

/**
 * Projects (empty and with cards), New project, Import (a detected-format form and a summary), Annotate for single
 * labels, multi labels and spans, the key map, Model, Review, Sync, Settings, the card of a project open in another
 * tab, and the low-storage banner.
 */
export async function tourEveryScreen(page: Page, names: TourNames, check: ScreenCheck): Promise<void> {
  const annotator = new AnnotatorPage(page);
  const files = await writeTaskFiles(names);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await check('projects-empty', page);

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill(names.project('single'));
  await page.getByLabel('Labels', { exact: true }).fill(names.labels.join('\n'));
  await expect(page.getByRole('button', { name: 'Create project' })).toBeEnabled();
  await check('new-project', page);
  await page.getByRole('link', { name: 'fieldlabel: all projects' }).click();

  await annotator.createProject(names.project('single'), names.labels);
  const taskFileName = `${names.taskFile}.jsonl`;
  await expect(await annotator.importFile(files.tasks, taskFileName)).toContainText(`imported ${names.tasks.length} tasks`);
  await check('import', page);
  await annotator.openTab('Annotate');
  await annotator.expectProgress(0, names.tasks.length);
  await check('annotate-single', page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await check('keymap', page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await annotator.pressAndAdvance('1');
  await annotator.pressAndAdvance('2');
  // Another annotator's label file, disagreeing on the first task: Review then has figures and a task to settle.
  const projectId = decodeURIComponent(/#\/project\/([^/]+)/.exec(page.url())?.[1] ?? '');
  const other = { id: 'ann-other', name: names.otherAnnotator };
  const secondLabel = names.labels[1] as string;
  const labels = join(dirname(files.tasks), `${names.labelFile}.labels.jsonl`);
  await writeFile(labels, labelFile(projectId, [{ taskId: 't0', annotator: other, value: [secondLabel] }, { taskId: 't1', annotator: other, value: [secondLabel] }]));
  await annotator.openTab('Sync');
  await page.getByLabel('Import label files').setInputFiles(labels);
  await page.getByRole('region', { name: 'Label import summary' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Label import result' })).toContainText('Applied: 2 new');
  await check('sync', page);
  await annotator.openTab('Review');
  await expect(page.getByRole('listitem', { name: 'Disagreement on t0' })).toBeVisible();
  await check('review', page);
  await annotator.openTab('Model');
  await expect(page.getByRole('button', { name: 'Use fieldlabel/test-tiny' })).toBeVisible();
  await check('model', page);
  await annotator.openTab('Settings');
  await page.getByLabel('Annotator name').fill(names.annotator);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('banner')).toContainText(names.annotator.slice(0, 20));
  await check('settings', page);

  await projectLink(page).click();
  await annotator.createProject(names.project('multi'), names.labels, 'Multi label');
  await annotator.importFile(files.tasks, taskFileName);
  await annotator.openTab('Annotate');
  await page.keyboard.press('1');
  await expect(page.getByRole('button', { name: /\(key 1\)$/ })).toHaveAttribute('aria-pressed', 'true');
  await check('annotate-multi', page);

  await projectLink(page).click();
  await annotator.createProject(names.project('spans'), ['PER', 'ORG', 'LOC'], 'Spans (names, places, …)');
  await page.getByLabel('Import tasks').setInputFiles(files.conll);
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('looks like a CoNLL-2003 (IOB) file');
  await check('import-detected-format', page);
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: `Import result for ${names.conllFile}.conll` })).toContainText('imported 3 tasks');
  await annotator.openTab('Annotate');
  await expect(page.locator('.sp-tag.sp-span')).not.toHaveCount(0);
  await check('annotate-spans', page);

  // The same project in a second tab: it says so and offers to take over.
  const second = await page.context().newPage();
  await second.goto(page.url());
  await expect(second.getByRole('heading', { name: 'This project is open in another tab' })).toBeVisible();
  await check('another-tab', second);
  await second.close();

  await projectLink(page).click();
  await expect(page.getByRole('link', { name: new RegExp(names.project('single').slice(0, 20)) })).toBeVisible();
  await check('projects', page);

  await fakeLowStorage(page.context());
  await page.reload();
  await expect(page.getByRole('alert', { name: 'Storage running low' })).toBeVisible();
  await check('low-storage', page);
}

/** The widths the app is drawn for: a desktop window and a tablet held upright. */
export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** Switches the device's colour scheme and waits until the app has redrawn in it. */
export async function useColourScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, scheme);
}
