// Build once, serve the build the way the end-to-end tests do, and launch Debian's Chromium with the repository's
// flags. Reuses scripts/chromium.ts and the e2e static server so the bench runs what the tests run.
import { chromium, type BrowserContext } from '@playwright/test';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium';
import { serveDirectory, type RunningServer } from '../../tests/e2e/support/static-server';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The production build (the figures must describe what users get, not the dev server's unbundled modules), into a
 * directory of the bench's own: dist/ belongs to the e2e tests, which may be building or serving it right now.
 */
export function buildApp(outDir: string): void {
  execSync(`npx vite build --logLevel warn --outDir ${JSON.stringify(outDir)} --emptyOutDir`, { cwd: ROOT, stdio: 'inherit' });
}

export function serveApp(dir: string): Promise<RunningServer> {
  return serveDirectory(dir);
}

/**
 * tsx compiles this code with esbuild's keepNames, which wraps named inner functions in `__name(...)`. Functions
 * handed to page.evaluate are sent as source text, so the page needs a no-op `__name` or they throw.
 */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

/**
 * The probes' "after the next frame": rAF runs just before the frame is rendered, and a task posted there runs once
 * the frame is painted and handed to the compositor. The task is posted at user-blocking priority: a plain message
 * would queue behind whatever normal tasks came in meanwhile (IndexedDB results, worker replies), which all run
 * after the pixels were committed and would be counted as if they held the frame back.
 */
export type AfterNextPaint = (callback: () => void) => void;
const AFTER_NEXT_PAINT = `globalThis.__benchAfterNextPaint = (callback) =>
  requestAnimationFrame(() => void scheduler.postTask(callback, { priority: 'user-blocking' }));`;

/**
 * A persistent (on-disk) profile, not browser.newContext(): those contexts are off-the-record, so IndexedDB would
 * live in memory and neither import writes nor the labels' strict-durability commits would touch the disk.
 * Service workers are blocked: they take no part in importing or labelling, and with them on, the app's worker
 * would answer the raw baseline's blank page with the app (navigateFallback) instead of the routed page.
 */
export async function launchBenchContext(userDataDir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  await context.addInitScript({ content: `${NAME_SHIM}\n${AFTER_NEXT_PAINT}` });
  return context;
}
