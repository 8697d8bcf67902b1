import { describe, expect, it } from 'vitest';
import { applyCalibration, fitPlatt, fitTemperature, logit, sigmoid, temperatureLoss, withTemperature } from '../../../src/lib/learn/calibration';
import { createRng, type Rng } from '../../../src/lib/learn/random';
import { confidenceWord, expectedCalibrationError, reliabilityBins } from '../../../src/lib/learn/reliability';

/** Tasks whose true class probabilities are known, a truth drawn from them, and a raw model that is `sharpness`-times too sure. */
function syntheticTasks(rng: Rng, count: number, classes: number, sharpness: number): { raw: Float32Array[]; truths: number[] } {
  const raw: Float32Array[] = [];
  const truths: number[] = [];
  for (let i = 0; i < count; i++) {
    const logits = Array.from({ length: classes }, () => 2 * (rng() - 0.5) * 2);
    const truth = softmax(logits);
    let u = rng();
    let drawn = classes - 1;
    for (let k = 0; k < classes; k++) {
      u -= truth[k] as number;
      if (u < 0) {
        drawn = k;
        break;
      }
    }
    truths.push(drawn);
    raw.push(Float32Array.from(softmax(logits.map((z) => z * sharpness))));
  }
  return { raw, truths };
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function eceOf(probs: Float32Array[], truths: number[]): number {
  const confidences = probs.map((p) => Math.max(...p));
  const correct = probs.map((p, i) => p.indexOf(Math.max(...p)) === truths[i]);
  return expectedCalibrationError(reliabilityBins(confidences, correct)) as number;
}

describe('temperature scaling', () => {
  it('finds the temperature a fine grid search of the held-out log-likelihood (Platt-smoothed targets) finds', () => {
    const { raw, truths } = syntheticTasks(createRng(7), 300, 4, 2.5);
    const fitted = fitTemperature(raw, truths);
    const smoothing = 1 / (raw.length + 2);
    const gridBest = (from: number, to: number, step: number): number => {
      let best = { logT: from, loss: Infinity };
      for (let logT = from; logT <= to; logT += step) {
        const loss = temperatureLoss(raw, truths, Math.exp(logT), smoothing);
        if (loss < best.loss) best = { logT, loss };
      }
      return best.logT;
    };
    const coarse = gridBest(-2, 2, 1e-2);
    const fine = gridBest(coarse - 1e-2, coarse + 1e-2, 1e-5);
    expect(Math.abs(Math.log(fitted) - fine)).toBeLessThan(2e-5);
  });

  it('reads held-out predictions that were all right as "right about (n+1)/(n+2) of the time", not as certainty', () => {
    for (const n of [20, 100]) {
      const raw = Array.from({ length: n }, (_, i) => Float32Array.from(i % 2 ? [0.8, 0.2] : [0.3, 0.7]));
      const truths = raw.map((p) => (p[0] as number) > 0.5 ? 0 : 1);
      const temperature = fitTemperature(raw, truths);
      const shown = raw.map((p) => Math.max(...applyCalibration({ kind: 'temperature', temperature }, p)));
      const mean = shown.reduce((a, b) => a + b, 0) / n;
      expect(mean).toBeGreaterThan(0.85);
      expect(mean).toBeLessThan(0.999);
      expect(Math.abs(mean - (n + 1) / (n + 2))).toBeLessThan(0.03);
    }
  });

  it('calibrates an over-confident model down and an under-confident one up, to within a few points of the truth', () => {
    for (const [sharpness, direction] of [[3, 'down'], [0.3, 'up']] as const) {
      const fit = syntheticTasks(createRng(11), 2000, 4, sharpness);
      const test = syntheticTasks(createRng(12), 2000, 4, sharpness);
      const temperature = fitTemperature(fit.raw, fit.truths);
      if (direction === 'down') expect(temperature).toBeGreaterThan(2);
      else expect(temperature).toBeLessThan(0.5);
      const calibrated = test.raw.map((p) => applyCalibration({ kind: 'temperature', temperature }, p));
      const before = eceOf(test.raw, test.truths);
      const after = eceOf(calibrated, test.truths);
      expect(before).toBeGreaterThan(0.1);
      expect(after).toBeLessThan(0.04);
    }
  });

  it('keeps which class is first, and sums to one', () => {
    const probs = Float32Array.from([0.2, 0.7, 0.1]);
    for (const t of [0.3, 1, 4]) {
      const out = withTemperature(probs, t);
      expect(out.indexOf(Math.max(...out))).toBe(1);
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });
});

describe('Platt scaling', () => {
  it('matches plain gradient descent on the same smoothed log-likelihood', () => {
    const rng = createRng(3);
    const probs: number[] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 400; i++) {
      const truth = rng();
      outcomes.push(rng() < truth);
      probs.push(sigmoid(0.4 * logit(truth)));
    }
    const fitted = fitPlatt(probs, outcomes);
    const positives = outcomes.filter(Boolean).length;
    const hi = (positives + 1) / (positives + 2);
    const lo = 1 / (outcomes.length - positives + 2);
    const scores = probs.map(logit);
    let a = 1;
    let b = 0;
    for (let step = 0; step < 20000; step++) {
      let gA = 0;
      let gB = 0;
      scores.forEach((s, i) => {
        const r = sigmoid(a * s + b) - (outcomes[i] ? hi : lo);
        gA += r * s;
        gB += r;
      });
      a -= (2 * gA) / scores.length;
      b -= (2 * gB) / scores.length;
    }
    expect(fitted.a).toBeCloseTo(a, 4);
    expect(fitted.b).toBeCloseTo(b, 4);
    // The raw scores were 0.4 times too timid: the fit stretches them back.
    expect(fitted.a).toBeGreaterThan(2);
  });

  it('finds the slope of scores far too sure of themselves (logits up to ±10), where a plain Newton step overshoots', () => {
    const rng = createRng(5);
    const probs: number[] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 500; i++) {
      const z = -3 + 6 * rng();
      outcomes.push(rng() < sigmoid(z));
      probs.push(sigmoid(3.3 * z));
    }
    const fitted = fitPlatt(probs, outcomes);
    expect(fitted.a).toBeGreaterThan(0.25);
    expect(fitted.a).toBeLessThan(0.4);
    expect(Math.abs(fitted.b)).toBeLessThan(0.3);
  });
});

describe('the reliability chart', () => {
  it('bins confidences, measures each bin and weighs the gaps by their share', () => {
    const bins = reliabilityBins([0.95, 0.95, 0.62, 0.68, 0.1], [true, false, true, true, false], 10);
    expect(bins[9]).toEqual({ from: 0.9, to: 1, count: 2, meanConfidence: 0.95, accuracy: 0.5 });
    expect(bins[6]?.count).toBe(2);
    expect(bins[6]?.accuracy).toBe(1);
    expect(bins[5]?.meanConfidence).toBeNull();
    expect(expectedCalibrationError(bins)).toBeCloseTo((2 / 5) * 0.45 + (2 / 5) * 0.35 + (1 / 5) * 0.1, 12);
    expect(expectedCalibrationError(reliabilityBins([], []))).toBeNull();
  });

  it('says sure, likely or unsure', () => {
    expect([0.95, 0.9, 0.89, 0.7, 0.69, 0.2].map(confidenceWord)).toEqual(['sure', 'sure', 'likely', 'likely', 'unsure', 'unsure']);
  });
});
