// Chromium started as its own process group on an on-disk profile, so a test can end it the way a power cut or a
// crash does: SIGKILL to every process at once, nothing flushed, no shutdown handlers (see FACTS.md).
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium';

export interface KillableBrowser {
  context: BrowserContext;
  page: Page;
  /** Every process of the browser, at once, with SIGKILL; resolves once they are gone. */
  kill(): Promise<void>;
}

export async function launchKillable(profile: string): Promise<KillableBrowser> {
  const child: ChildProcess = spawn(
    chromiumPath(),
    [...chromiumArgs, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1280,800', 'about:blank'],
    { detached: true, stdio: 'ignore' },
  );
  const portFile = join(profile, 'DevToolsActivePort');
  const port = await waitFor(() => (existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n')[0] : undefined));
  const browser: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0] as BrowserContext;
  const page = context.pages()[0] ?? (await context.newPage());
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    context,
    page,
    kill: async () => {
      process.kill(-(child.pid as number), 'SIGKILL');
      await exited;
    },
  };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('Chromium did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
