// Page model: the steps an annotator repeats, named as they would say them.
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

export class AnnotatorPage {
  readonly page: Page;
  readonly progress: Locator;
  readonly taskText: Locator;

  /**
   * Opens the app at a fixed time with files saved as downloads: the browser's save dialog cannot be driven headless,
   * so the run takes the download path.
   */
  static async openSavingDownloads(page: Page, context: BrowserContext, now: Date): Promise<AnnotatorPage> {
    await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
    await page.clock.setFixedTime(now);
    await page.goto('/');
    return new AnnotatorPage(page);
  }

  constructor(page: Page) {
    this.page = page;
    this.progress = page.getByRole('status', { name: 'Progress' });
    this.taskText = page.getByRole('region', { name: 'Task text' });
  }

  async createProject(name: string, labels: string[], type: 'Single label' | 'Multi label' | 'Spans (names, places, …)' = 'Single label'): Promise<void> {
    await this.page.getByRole('button', { name: 'New project' }).click();
    await this.page.getByLabel('Project name').fill(name);
    await this.page.getByLabel('Task type').selectOption({ label: type });
    await this.page.getByLabel('Labels', { exact: true }).fill(labels.join('\n'));
    await this.page.getByRole('button', { name: 'Create project' }).click();
    await expect(this.page.getByRole('heading', { name: `Import tasks into “${name}”` })).toBeVisible();
  }

  /** Imports one file and waits for its summary line. */
  async importFile(path: string, fileName: string): Promise<Locator> {
    await this.page.getByLabel('Import tasks').setInputFiles(path);
    const result = this.page.getByRole('status', { name: `Import result for ${fileName}` });
    await expect(result).toBeVisible();
    return result;
  }

  async openTab(name: 'Annotate' | 'Model' | 'Review' | 'Import' | 'Sync' | 'Settings'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name }).click();
  }

  async expectProgress(labelled: number, total: number): Promise<void> {
    await expect(this.progress).toContainText(`${labelled} / ${total}`);
  }

  /** Presses a key and waits until the shown task changes: the label was stored and the next task painted. */
  async pressAndAdvance(key: string): Promise<void> {
    const before = await this.taskText.textContent();
    await this.page.keyboard.press(key);
    await expect(this.taskText).not.toHaveText(before ?? '');
  }
}
