// Renders public/icon.svg to the PNG icons the web app manifest needs (run by hand when the icon changes:
// `npx tsx scripts/render-icons.ts`). Uses the same Debian Chromium as the tests.
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { chromiumPath, chromiumArgs } from './chromium';

const svg = await readFile(new URL('../public/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const page = await browser.newPage();
const targets = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  // Maskable icons are cropped to a circle of 80 % of their size: keep the artwork inside that safe zone.
  { file: 'icon-maskable-512.png', size: 512, padding: 0.12 },
];
for (const { file, size, padding } of targets) {
  await page.setViewportSize({ width: size, height: size });
  const inset = Math.round(size * padding);
  await page.setContent(
    `<body style="margin:0;background:${padding > 0 ? '#0b5cad' : 'transparent'}">
       <div style="width:${size}px;height:${size}px;display:grid;place-items:center">
         <img style="width:${size - 2 * inset}px;height:${size - 2 * inset}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">
       </div></body>`,
  );
  await page.screenshot({ path: new URL(`../public/${file}`, import.meta.url).pathname, omitBackground: padding === 0 });
}
await browser.close();
