// One project's calibration and the record of how its shown confidences fared. The calibration is refitted on
// held-out predictions whenever cross-validation runs; the record is what the Model screen's reliability chart
// shows: for each suggestion the annotator then decided, the confidence shown and whether it was right. That is
// the honest measure: it uses no label twice and is exactly what the annotator experienced.
import { applyCalibration, fitPlatt, fitTemperature, NO_CALIBRATION, type Calibration } from './calibration';
import type { HeadMode } from './head-problem';
import { expectedCalibrationError, reliabilityBins, type ReliabilityBin } from './reliability';

/** The record keeps the latest decisions: the chart describes the model as it is now, not as it was at the start. */
export const OUTCOMES_KEPT = 200;

export interface ConfidenceReport {
  calibration: Calibration;
  /** How many decided suggestions the chart is made of. */
  decided: number;
  bins: ReliabilityBin[];
  /** Expected calibration error of the shown confidences; null before any suggestion was decided. */
  ece: number | null;
  /** What was judged: suggested spans (span-calibration.ts), else whole-task suggestions. */
  of?: 'spans';
}

export class ConfidenceTracker {
  calibration: Calibration = NO_CALIBRATION;
  private readonly outcomes: { confidence: number; right: boolean }[] = [];

  constructor(private readonly mode: HeadMode) {}

  /** Fits the calibration to held-out predictions (`truths[i]`: the class indices of example i). */
  fit(heldOut: readonly Float32Array[], truths: readonly number[][]): void {
    if (heldOut.length === 0) return;
    if (this.mode === 'single') {
      this.calibration = { kind: 'temperature', temperature: fitTemperature(heldOut, truths.map((y) => y[0] as number)) };
      return;
    }
    const probs: number[] = [];
    const outcomes: boolean[] = [];
    heldOut.forEach((p, i) => {
      const truth = new Set(truths[i]);
      p.forEach((value, c) => {
        probs.push(value);
        outcomes.push(truth.has(c));
      });
    });
    this.calibration = { kind: 'platt', ...fitPlatt(probs, outcomes) };
  }

  apply(probs: Float32Array): Float32Array {
    return applyCalibration(this.calibration, probs);
  }

  /** Records a decided suggestion: `shown` the probabilities the annotator saw, `truth` the class indices chosen. */
  observe(shown: Float32Array, truth: readonly number[]): void {
    if (this.mode === 'single') {
      let best = 0;
      for (let c = 1; c < shown.length; c++) if ((shown[c] as number) > (shown[best] as number)) best = c;
      this.push(shown[best] as number, truth[0] === best);
      return;
    }
    const chosen = new Set(truth);
    shown.forEach((p, c) => this.push(Math.max(p, 1 - p), p >= 0.5 === chosen.has(c)));
  }

  report(): ConfidenceReport {
    const bins = reliabilityBins(
      this.outcomes.map((o) => o.confidence),
      this.outcomes.map((o) => o.right),
    );
    return { calibration: this.calibration, decided: this.outcomes.length, bins, ece: expectedCalibrationError(bins) };
  }

  private push(confidence: number, right: boolean): void {
    this.outcomes.push({ confidence, right });
    if (this.outcomes.length > OUTCOMES_KEPT * (this.mode === 'single' ? 1 : 8)) this.outcomes.shift();
  }
}
