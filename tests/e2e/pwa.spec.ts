import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium';
import { serveDirectory } from './support/static-server';
import { DIST, expect, test, waitForServiceWorker } from './support/fixtures';

test('Chromium considers the app installable: manifest, icons and service worker meet its criteria', async ({ app }) => {
  // Chromium never offers installation in an incognito-like context, which is what newContext() gives.
  const userDataDir = await mkdtemp(join(tmpdir(), 'fieldlabel-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath(), args: chromiumArgs });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${app.origin}/`);
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const parsed = JSON.parse(manifest.data ?? '{}') as { name: string; icons: { purpose?: string; sizes: string }[]; display: string };
  expect(parsed.name).toBe('fieldlabel');
  expect(parsed.display).toBe('standalone');
  expect(parsed.icons.some((icon) => icon.purpose === 'maskable' && icon.sizes === '512x512')).toBe(true);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  await context.close();
});

test('a new deployed version is offered with a Reload button and never reloads the page by itself', async ({ browser }) => {
  // Its own copy of the build, so "deploying" a new service worker touches no other test.
  const root = await mkdtemp(join(tmpdir(), 'fieldlabel-deploy-'));
  await cp(DIST, root, { recursive: true });
  const server = await serveDirectory(root);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/`);
    await waitForServiceWorker(page);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still the same page'));

    const sw = join(root, 'service-worker.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// deployed again\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const banner = page.getByRole('alert', { name: 'Update available' });
    await expect(banner).toContainText('A new version of fieldlabel is ready');
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still the same page');

    await banner.getByRole('button', { name: 'Reload to update' }).click();
    await page.waitForFunction(() => (window as unknown as { marker?: string }).marker === undefined);
    await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
    await expect(banner).toBeHidden();
  } finally {
    await context.close();
    await server.stop();
  }
});
