// Nothing hostile runs or calls out: the app's Content-Security-Policy is sent by its servers, added by its service
// worker and written into its page, and blocks what a hostile file could slip in; a label colour that carries CSS
// is refused from a bundle and never drawn from a stored project.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, MODEL_WORKER_POLICY } from '../../src/sw/content-policy';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, test, waitForServiceWorker } from './support/fixtures';
import { bundle } from './support/sync-files';

/** Another origin that counts what reaches it: a beacon must never be hit. */
interface Beacon {
  origin: string;
  hits: string[];
  stop(): Promise<void>;
}

async function startBeacon(): Promise<Beacon> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end('seen');
  });
  // localhost, not 127.0.0.1: another host, so another origin whatever the port.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    hits,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Violation {
  directive: string;
  blocked: string;
}

/** Listens for the page's securitypolicyviolation events, as the app itself could report them. */
async function watchViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.evaluate(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (window as unknown as { violations: typeof seen }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  return () => page.evaluate(() => (window as unknown as { violations: Violation[] }).violations);
}

/** What markup from a hostile file could try: a style attribute, a stylesheet, a <style>, an image and a fetch. */
async function injectRemoteStyles(page: Page, beacon: string): Promise<string> {
  return page.evaluate(async (origin) => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div id="hostile" style="background-image:url(${origin}/attribute.png)">hostile</div>` +
        `<link rel="stylesheet" href="${origin}/sheet.css">` +
        `<style>#hostile { border-image: url(${origin}/element.png) 1 }</style>` +
        `<img alt="" src="${origin}/image.png">`,
    );
    return fetch(`${origin}/connect`).then(
      () => 'fetched',
      () => 'refused',
    );
  }, beacon);
}

const EXPECTED_BLOCKS = (beacon: string): Violation[] => [
  { directive: 'img-src', blocked: `${beacon}/attribute.png` },
  { directive: 'style-src-elem', blocked: `${beacon}/sheet.css` },
  { directive: 'style-src-elem', blocked: 'inline' },
  { directive: 'img-src', blocked: `${beacon}/image.png` },
  { directive: 'connect-src', blocked: `${beacon}/connect` },
];

test('under the Content-Security-Policy a remote-URL style injected into the page is blocked and reported; nothing leaves the origin', async ({ page, outsideRequests, policyViolations }) => {
  const beacon = await startBeacon();
  try {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', META_CONTENT_SECURITY_POLICY);
    await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
    const violations = await watchViolations(page);

    expect(await injectRemoteStyles(page, beacon.origin)).toBe('refused');
    await expect.poll(async () => (await violations()).length).toBeGreaterThanOrEqual(EXPECTED_BLOCKS(beacon.origin).length);
    expect(await violations()).toEqual(expect.arrayContaining(EXPECTED_BLOCKS(beacon.origin)));
    expect(await page.locator('#hostile').evaluate((e) => getComputedStyle(e).borderImageSource)).toBe('none');
    expect(beacon.hits).toEqual([]);
    await expect.poll(() => outsideRequests).toEqual([]);
    // The browser said so too; this test made these on purpose.
    expect(policyViolations.length).toBeGreaterThanOrEqual(EXPECTED_BLOCKS(beacon.origin).length);
    policyViolations.splice(0);
  } finally {
    await beacon.stop();
  }
});

test('on a static host that sends no headers, the page\'s own policy blocks a remote-URL style, and the service worker then serves every file with it', async ({ page, context, app, outsideRequests, policyViolations }) => {
  const beacon = await startBeacon();
  // The host: the build's files as they are, without a header of ours (the service worker's install fetches too).
  await context.route(`${app.origin}/**`, async (route) => {
    const response = await route.fetch();
    const { 'content-security-policy': _sent, ...headers } = response.headers();
    await route.fulfill({ response, headers });
  });
  try {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBeUndefined();
    await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
    const violations = await watchViolations(page);
    expect(await injectRemoteStyles(page, beacon.origin)).toBe('refused');
    await expect.poll(async () => (await violations()).length).toBeGreaterThanOrEqual(EXPECTED_BLOCKS(beacon.origin).length);
    expect(await violations()).toEqual(expect.arrayContaining(EXPECTED_BLOCKS(beacon.origin)));
    expect(beacon.hits).toEqual([]);
    await expect.poll(() => outsideRequests).toEqual([]);
    policyViolations.splice(0);

    // A worker takes its policy from its script's response, never from a <meta>: the service worker adds it.
    await waitForServiceWorker(page);
    await context.unrouteAll({ behavior: 'wait' });
    await app.stop();
    await context.setOffline(true);
    const policies = await page.evaluate(async () => {
      const precache = (await caches.keys()).find((name) => name.includes('precache')) as string;
      const paths = (await (await caches.open(precache)).keys()).map((request) => new URL(request.url).pathname);
      const policyOf = async (path: string) => (await fetch(path)).headers.get('content-security-policy');
      const script = (name: string) => paths.find((path) => new RegExp(`/${name}\\.worker-[\\w-]+\\.js$`).test(path)) as string;
      return { page: await policyOf('/'), modelWorker: await policyOf(script('model')), importWorker: await policyOf(script('import')) };
    });
    expect(policies).toEqual({ page: CONTENT_SECURITY_POLICY, modelWorker: MODEL_WORKER_POLICY, importWorker: CONTENT_SECURITY_POLICY });
  } finally {
    await beacon.stop();
  }
});

test('a bundle whose label colour carries CSS is refused whole, and nothing is requested', async ({ page, outsideRequests }) => {
  const beacon = await startBeacon();
  try {
    const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-security-'));
    const colour = `red;background-image:url(${beacon.origin}/beacon.png)`;
    const labels = [
      { name: 'Yes', color: colour, hotkey: '1' },
      { name: 'No', color: '#56B4E9', hotkey: '2' },
    ];
    await writeFile(join(dir, 'survey.fieldlabel.zip'), bundle({ project: { id: 'survey', name: 'Survey', labels }, tasks: [{ id: 't1', text: 'Is the pump working?' }] }));
    await page.goto('/');
    await page.getByLabel('Open project file').setInputFiles(join(dir, 'survey.fieldlabel.zip'));
    await expect(page.getByRole('status', { name: 'Project file result' })).toHaveText(
      'survey.fieldlabel.zip: manifest.json, line 10: "project.labels[0].color": a colour is a hex colour like "#E69F00", found "red;background-image:url(http://localho…". Nothing was changed.',
    );
    await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
    expect(beacon.hits).toEqual([]);
    expect(outsideRequests).toEqual([]);
  } finally {
    await beacon.stop();
  }
});

/** Writes a colour into a stored project's first label, as a bundle opened before colours were checked left it. */
async function storeLabelColour(page: Page, projectId: string, color: string): Promise<void> {
  await page.evaluate(
    ({ id, color }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('projects', 'readwrite').objectStore('projects');
          const read = store.get(id);
          read.onsuccess = () => {
            const project = read.result as { labels: { color: string }[] };
            (project.labels[0] as { color: string }).color = color;
            store.put(project).onsuccess = () => resolve();
          };
        };
      }),
    { id: projectId, color },
  );
}

const projectIdOf = (page: Page) => decodeURIComponent(/#\/project\/([^/]+)/.exec(page.url())?.[1] ?? '');

test('a label colour stored before colours were checked is drawn grey, never written into a style', async ({ page, outsideRequests }) => {
  const beacon = await startBeacon();
  const colour = `red;background-image:url(${beacon.origin}/beacon.png)`;
  const annotator = new AnnotatorPage(page);
  try {
    await page.goto('/');
    await annotator.createProject('Old survey', ['Yes', 'No']);
    await annotator.importFile(`${FIXTURES}/sentiment.jsonl`, 'sentiment.jsonl');
    await storeLabelColour(page, projectIdOf(page), colour);
    await page.reload();
    await annotator.openTab('Annotate');
    const yes = page.getByRole('button', { name: 'Yes (key 1)' });
    await expect(yes).toBeVisible();
    expect(await yes.evaluate((e) => [getComputedStyle(e).backgroundImage, getComputedStyle(e).getPropertyValue('--label-color')])).toEqual(['none', '#999999']);

    await page.getByRole('link', { name: 'fieldlabel: all projects' }).click();
    await annotator.createProject('Old names', ['PER', 'LOC'], 'Spans (names, places, …)');
    await annotator.importFile(`${FIXTURES}/sentiment.jsonl`, 'sentiment.jsonl');
    await storeLabelColour(page, projectIdOf(page), colour);
    await page.reload();
    await annotator.openTab('Annotate');
    const per = page.getByRole('group', { name: 'Label the selection' }).getByRole('button', { name: 'PER (key 1)' });
    await expect(per).toBeVisible();
    expect(await per.evaluate((e) => [getComputedStyle(e).backgroundImage, getComputedStyle(e).getPropertyValue('--label')])).toEqual(['none', '#999999']);
    await page.keyboard.press('1');
    await expect(page.locator('.sp-tag.sp-span')).toHaveText(['PER']);
    expect(await page.locator('.sp-tag.sp-span').evaluate((e) => getComputedStyle(e).getPropertyValue('--label'))).toBe('#999999');

    expect(beacon.hits).toEqual([]);
    expect(outsideRequests).toEqual([]);
  } finally {
    await beacon.stop();
  }
});
