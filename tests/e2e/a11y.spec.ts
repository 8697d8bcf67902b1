// Every screen, at desktop and tablet width, light and dark, checked with axe: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './support/fixtures';
import { WIDTHS, tourEveryScreen, useColourScheme, type TourNames } from './support/screen-tour';

const NAMES: TourNames = {
  project: (kind) => ({ single: 'Gear reviews', multi: 'Incident reports', spans: 'Field notes' })[kind],
  labels: ['Positive', 'Negative', 'Mixed'],
  annotator: 'Ada',
  otherAnnotator: 'Bo',
  taskFile: 'reviews',
  conllFile: 'field-ner',
  labelFile: 'bo',
  tasks: ['Great battery and great screen.', 'Awful battery and awful screen.', 'Works, but the strap broke.'],
};

/** One line per node axe found at fault, with what it broke: enough to find and fix it. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`));
}

test('axe finds no serious or critical violation on any screen, at desktop and tablet width, light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  await tourEveryScreen(page, NAMES, async (screen, at) => {
    for (const size of WIDTHS) {
      await at.setViewportSize({ width: size.width, height: size.height });
      for (const scheme of ['light', 'dark'] as const) {
        await useColourScheme(at, scheme);
        await screenshot(at, `a11y-${screen}-${size.name}-${scheme}`);
        for (const violation of await seriousViolations(at)) found.push(`${screen}, ${size.name}, ${scheme}: ${violation}`);
      }
    }
    await useColourScheme(at, 'light');
    await at.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
  });
  expect(found).toEqual([]);
});
