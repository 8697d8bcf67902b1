// Issue #20: after 80 labels in random order, the confidence a suggestion shows is how often such suggestions are
// right. Real mails (spam-assassin), no model file: the n-gram head, calibrated on the annotator's labels.
import { writeFile } from 'node:fs/promises';
import { confidenceWord } from '../../src/lib/learn/reliability';
import { AnnotatorPage } from './support/annotator-page';
import { expect, screenshot, test } from './support/fixtures';
import { shuffledMails } from './support/spam-mails';

const KEYS = { spam: '1', ham: '2' } as const;

test('after 80 labels, the confidence shown with suggestions is within 0.1 of how often they are right on the next 40', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const mails = shuffledMails(1, 120);
  const truthByText = new Map(mails.map((mail) => [mail.text, mail.label]));
  const file = testInfo.outputPath('mails.jsonl');
  await writeFile(file, mails.map((mail) => JSON.stringify({ id: mail.id, text: mail.text })).join('\n'));

  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Mail', ['spam', 'ham']);
  await expect(await annotator.importFile(file, 'mails.jsonl')).toContainText('imported 120 tasks');
  await annotator.openTab('Annotate');

  const suggestion = page.getByRole('status', { name: 'Suggestion' });
  const truthOfShown = async () => {
    const truth = truthByText.get(((await annotator.taskText.textContent()) ?? '').trim());
    expect(truth).toBeDefined();
    return truth as 'spam' | 'ham';
  };
  // Without a model file and before any label there is no grounds for a guess: nothing is suggested.
  await expect(annotator.taskText).not.toHaveText('');
  await expect(suggestion).toHaveCount(0);

  for (let i = 0; i < 80; i++) await annotator.pressAndAdvance(KEYS[await truthOfShown()]);
  // Keys pressed faster than a person presses them keep the retrain waiting: let the model learn from all 80 labels,
  // as it does while a person reads the next task, then fetch task 81's suggestion afresh (back and forth).
  await annotator.openTab('Model');
  await expect(page.getByLabel('Learned from')).toHaveText('learned from 80 labels', { timeout: 30_000 });
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('ArrowLeft');
  await annotator.pressAndAdvance('ArrowRight');

  const shown: { confidence: number; right: boolean }[] = [];
  for (let i = 80; i < 120; i++) {
    const truth = await truthOfShown();
    await expect(suggestion).toBeVisible();
    const words = (await suggestion.textContent()) ?? '';
    const percent = /(\d+)%/.exec(words);
    expect(percent, words).not.toBeNull();
    const confidence = Number(percent?.[1]) / 100;
    // The word beside the number says the same at a glance.
    expect(words).toContain(`${percent?.[1]}% ${confidenceWord(confidence)}`);
    shown.push({ confidence, right: words.includes(`Suggested: ${truth}`) });
    if (i === 80) await screenshot(page, 'annotate-calibrated-suggestion-desktop');
    if (i < 119) await annotator.pressAndAdvance(KEYS[truth]);
    else await page.keyboard.press(KEYS[truth]);
  }
  await annotator.expectProgress(120, 120);

  const accuracy = shown.filter((s) => s.right).length / shown.length;
  const meanConfidence = shown.reduce((sum, s) => sum + s.confidence, 0) / shown.length;
  expect(Math.abs(meanConfidence - accuracy), `shown ${meanConfidence.toFixed(3)}, right ${accuracy.toFixed(3)}`).toBeLessThanOrEqual(0.1);

  await annotator.openTab('Model');
  await expect(page.getByRole('img', { name: /^Reliability/ })).toBeVisible();
  await expect(page.getByLabel('Calibration error')).toHaveText(/^\d+%$/);
  await screenshot(page, 'model-reliability-desktop');
});
