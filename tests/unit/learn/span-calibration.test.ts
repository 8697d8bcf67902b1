import { describe, expect, it } from 'vitest';
import { logit, sigmoid } from '../../../src/lib/learn/calibration';
import { createRng, type Rng } from '../../../src/lib/learn/random';
import { confidenceWord, expectedCalibrationError, reliabilityBins } from '../../../src/lib/learn/reliability';
import { SpanCalibration, type SpanOutcome } from '../../../src/lib/learn/span-calibration';

/**
 * A tagger whose spans are right with a known chance q = sigmoid(z), but which says sigmoid(sharpness · z):
 * sharpness > 1 is too sure of itself, < 1 too timid. Each outcome is drawn from the truth.
 */
function taggerSpans(rng: Rng, count: number, sharpness: number): (SpanOutcome & { truth: number })[] {
  return Array.from({ length: count }, () => {
    const z = -1 + 3.5 * rng();
    const truth = sigmoid(z);
    return { raw: sigmoid(sharpness * z), truth, right: rng() < truth };
  });
}

/** Finished tasks of five spans each, as the worker reports them. */
function observeTasks(calibration: SpanCalibration, outcomes: readonly SpanOutcome[]): void {
  for (let at = 0; at < outcomes.length; at += 5) calibration.observe(outcomes.slice(at, at + 5));
}

function ece(confidences: number[], spans: readonly { right: boolean }[]): number {
  return expectedCalibrationError(reliabilityBins(confidences, spans.map((s) => s.right))) as number;
}

describe('SpanCalibration', () => {
  it('brings an over-confident tagger down to how often its spans are right', () => {
    const rng = createRng(7);
    const calibration = new SpanCalibration();
    observeTasks(calibration, taggerSpans(rng, 600, 3));
    const fresh = taggerSpans(rng, 2000, 3);
    const shown = fresh.map((s) => calibration.apply(s.raw));
    for (const [i, span] of fresh.entries()) if (span.raw > 0.9) expect(shown[i]).toBeLessThan(span.raw);
    expect(ece(shown, fresh)).toBeLessThan(0.06);
    expect(ece(fresh.map((s) => s.raw), fresh)).toBeGreaterThan(0.1);
    // Close to the truth it was drawn from, span by span.
    const meanError = fresh.reduce((sum, s, i) => sum + Math.abs((shown[i] as number) - s.truth), 0) / fresh.length;
    expect(meanError).toBeLessThan(0.05);
  });

  it('lifts a timid tagger up to how often its spans are right', () => {
    const rng = createRng(11);
    const calibration = new SpanCalibration();
    observeTasks(calibration, taggerSpans(rng, 600, 0.3));
    const fresh = taggerSpans(rng, 2000, 0.3);
    const shown = fresh.map((s) => calibration.apply(s.raw));
    for (const [i, span] of fresh.entries()) if (span.truth > 0.85) expect(shown[i]).toBeGreaterThan(span.raw);
    expect(ece(shown, fresh)).toBeLessThan(0.06);
    expect(ece(fresh.map((s) => s.raw), fresh)).toBeGreaterThan(0.1);
  });

  it('says an even chance before any outcome, and never "sure" until enough outcomes bear it out', () => {
    const calibration = new SpanCalibration();
    expect(calibration.apply(0.999)).toBe(0.5);
    expect(confidenceWord(calibration.apply(0.999))).toBe('unsure');
    // A tagger right every time it says 99 %: the word climbs with the evidence, never ahead of it.
    const words: string[] = [];
    for (let n = 5; n <= 200; n += 5) {
      calibration.observe(Array.from({ length: 5 }, () => ({ raw: 0.99, right: true })));
      words.push(`${n} ${confidenceWord(calibration.apply(0.99))}`);
    }
    expect(words.filter((w) => w.endsWith('sure') && !w.endsWith('unsure')).map((w) => Number(w.split(' ')[0]))[0]).toBeGreaterThanOrEqual(80);
    expect(words.slice(0, 3)).toEqual(['5 unsure', '10 unsure', '15 unsure']);
    expect(words.at(-1)).toBe('200 sure');
  });

  it('keeps the order of the raw confidences', () => {
    const calibration = new SpanCalibration();
    observeTasks(calibration, taggerSpans(createRng(3), 200, 2));
    const raws = [0.2, 0.5, 0.7, 0.9, 0.99];
    const shown = raws.map((raw) => calibration.apply(raw));
    expect([...shown].sort((a, b) => a - b)).toEqual(shown);
    expect(new Set(shown).size).toBe(raws.length);
  });

  it('charts each outcome by the confidence shown before it counted, and forgets all on reset', () => {
    const calibration = new SpanCalibration();
    calibration.observe([{ raw: 0.95, right: true }, { raw: 0.95, right: false }]);
    let report = calibration.report();
    expect(report.decided).toBe(2);
    // Both were judged as shown with no outcome yet: an even chance, one right of two.
    expect(report.bins[5]).toMatchObject({ count: 2, meanConfidence: 0.5, accuracy: 0.5 });
    expect(report.calibration.kind).toBe('platt');
    expect(logit(calibration.apply(0.95))).toBeCloseTo(0, 0);
    calibration.reset();
    report = calibration.report();
    expect(report).toMatchObject({ decided: 0, ece: null, calibration: { kind: 'none' } });
    expect(calibration.apply(0.95)).toBe(0.5);
  });
});
