import { test as base, expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { serveDirectory, type RunningServer } from './static-server';

export const DIST = fileURLToPath(new URL('../../../dist-e2e', import.meta.url));
export const TEST_MODEL_DIR = fileURLToPath(new URL('../../.generated/bundled/test-tiny', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/e2e', import.meta.url));
export const SCREENS = fileURLToPath(new URL('../../../test-results/screens', import.meta.url));

interface Fixtures {
  /** The production build served on a fresh 127.0.0.1 port of its own. */
  app: RunningServer;
  /**
   * Every request the browser context sent to any origin but the app's. One the Content-Security-Policy blocked was
   * never sent: it leaves the list when the browser reports it blocked (policyViolations has it).
   */
  outsideRequests: string[];
  /**
   * What the Content-Security-Policy blocked in the test's context, pages and workers, as the browser's console
   * said it. Every test ends with none left: a test that provokes one takes it out once it has looked at it.
   */
  policyViolations: string[];
}

/**
 * What the console says when the policy blocked something. A page's own report says "Content Security Policy"; a
 * worker's report does not reach Playwright, but a script it refused (onnxruntime's threads load their code with
 * importScripts of a blob:) shows as the failed call.
 */
const POLICY_BLOCKED = /Content Security Policy|Failed to execute 'importScripts'/;

export const test = base.extend<Fixtures>({
  app: async ({}, use) => {
    const server = await serveDirectory(DIST);
    await use(server);
    await server.stop();
  },
  outsideRequests: async ({ context, app }, use) => {
    const outside: string[] = [];
    const isOutside = (url: string) => !url.startsWith(`${app.origin}/`) && !/^(data|blob):/.test(url);
    context.on('request', (request) => {
      if (isOutside(request.url())) outside.push(request.url());
    });
    context.on('requestfailed', (request) => {
      if (isOutside(request.url()) && request.failure()?.errorText === 'csp') outside.splice(outside.indexOf(request.url()), 1);
    });
    await use(outside);
  },
  policyViolations: [
    async ({ context }, use, testInfo) => {
      const violations: string[] = [];
      context.on('console', (message) => {
        if (POLICY_BLOCKED.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      if (testInfo.status === testInfo.expectedStatus) expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  baseURL: async ({ app }, use) => {
    await use(`${app.origin}/`);
  },
});

export { expect };

/** Waits until the service worker controls the page: only then does a reload work with the server gone. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

/** Every row of one IndexedDB table, straight from the database as the app left it. */
export function storedRows(page: Page, table: 'annotations' | 'tasks'): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        };
      }),
    table,
  );
}
