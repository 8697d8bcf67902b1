// How sure a suggested span is, in the annotator's own experience. A token classifier's span confidence (the mean
// of its words' tag probabilities) is not how often such spans are right: a model trained elsewhere is usually too
// bold on a new project's text, sometimes too timid. The evidence is what the annotator made of the model's spans
// on the tasks they finished: a span among the final spans exactly (start, end and label) was right; one changed
// or removed was wrong. The model never trained on those tasks, so each is an honest held-out judgement.
//
// From those outcomes one Platt scaling per project, sigmoid(a·logit(raw) + b) (calibration.ts), refitted with
// every finished task. Few outcomes make a loose fit, so the shown confidence is the fit shrunk toward an even
// chance, as if PRIOR_OUTCOMES spans had been right half the time: with no outcomes every span reads 50 %
// ("unsure"), and reaching "sure" takes some ninety outcomes that bear it out. The annotator never sees a
// confident span the project has not earned.
import { fitPlatt, logit, sigmoid, type Calibration } from './calibration';
import type { ConfidenceReport } from './confidence-tracker';
import { expectedCalibrationError, reliabilityBins } from './reliability';

/** How many outcomes the even-chance prior weighs as. */
export const PRIOR_OUTCOMES = 20;
/** What a span is worth before any outcome: a coin toss, which reads "unsure". */
const PRIOR_CONFIDENCE = 0.5;
/** The latest outcomes are fitted: the calibration describes the model as the project uses it now. */
export const SPAN_OUTCOMES_KEPT = 1000;

export interface SpanOutcome {
  /** The model's own confidence in the span, 0–1. */
  raw: number;
  /** Kept exactly by the annotator. */
  right: boolean;
}

export class SpanCalibration {
  private readonly outcomes: SpanOutcome[] = [];
  /** What the annotator was shown for each outcome, before it counted: the reliability chart's points. */
  private readonly shown: { confidence: number; right: boolean }[] = [];
  private fit: { a: number; b: number } | null = null;

  get observed(): number {
    return this.outcomes.length;
  }

  /** The confidence to show for a span the model gives `raw`. */
  apply(raw: number): number {
    const n = this.outcomes.length;
    if (n === 0 || this.fit === null) return PRIOR_CONFIDENCE;
    const weight = n / (n + PRIOR_OUTCOMES);
    return weight * sigmoid(this.fit.a * logit(raw) + this.fit.b) + (1 - weight) * PRIOR_CONFIDENCE;
  }

  /** One finished task's judged spans: each is first scored as it would have been shown, then counted, then refitted. */
  observe(outcomes: readonly SpanOutcome[]): void {
    if (outcomes.length === 0) return;
    for (const outcome of outcomes) {
      this.shown.push({ confidence: this.apply(outcome.raw), right: outcome.right });
      this.outcomes.push(outcome);
    }
    this.outcomes.splice(0, Math.max(0, this.outcomes.length - SPAN_OUTCOMES_KEPT));
    this.shown.splice(0, Math.max(0, this.shown.length - SPAN_OUTCOMES_KEPT));
    this.fit = fitPlatt(
      this.outcomes.map((o) => o.raw),
      this.outcomes.map((o) => o.right),
    );
  }

  /** Forgets every outcome: they judged another model. */
  reset(): void {
    this.outcomes.length = 0;
    this.shown.length = 0;
    this.fit = null;
  }

  report(): ConfidenceReport {
    const calibration: Calibration = this.fit === null ? { kind: 'none' } : { kind: 'platt', ...this.fit };
    const bins = reliabilityBins(
      this.shown.map((s) => s.confidence),
      this.shown.map((s) => s.right),
    );
    return { calibration, decided: this.shown.length, bins, ece: expectedCalibrationError(bins), of: 'spans' };
  }
}
