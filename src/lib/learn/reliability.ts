// How far shown confidence is from how often it is right: the reliability chart of the Model screen and its
// expected calibration error (ECE, Naeini et al. 2015: the bins' |confidence − accuracy| weighted by their share).

export interface ReliabilityBin {
  /** Confidences in [from, to); the last bin includes 1. */
  from: number;
  to: number;
  count: number;
  /** null for an empty bin. */
  meanConfidence: number | null;
  accuracy: number | null;
}

export const RELIABILITY_BINS = 10;

export function reliabilityBins(confidences: readonly number[], correct: readonly boolean[], bins = RELIABILITY_BINS): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, right: 0 }));
  confidences.forEach((confidence, i) => {
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)))] as { count: number; confidence: number; right: number };
    bin.count++;
    bin.confidence += confidence;
    if (correct[i]) bin.right++;
  });
  return sums.map((sum, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: sum.count,
    meanConfidence: sum.count > 0 ? sum.confidence / sum.count : null,
    accuracy: sum.count > 0 ? sum.right / sum.count : null,
  }));
}

/** null when there is nothing to measure. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number | null {
  const total = bins.reduce((n, bin) => n + bin.count, 0);
  if (total === 0) return null;
  return bins.reduce((ece, bin) => (bin.count === 0 ? ece : ece + (bin.count / total) * Math.abs((bin.meanConfidence as number) - (bin.accuracy as number))), 0);
}

/**
 * The word shown beside a calibrated confidence, so it reads at a glance. The number is calibrated, so the
 * thresholds mean what they say: "sure" is right at least 9 times in 10, "likely" at least 7 in 10.
 */
export const CONFIDENCE_WORDS = [
  { from: 0.9, word: 'sure' },
  { from: 0.7, word: 'likely' },
  { from: 0, word: 'unsure' },
] as const;

export type ConfidenceWord = (typeof CONFIDENCE_WORDS)[number]['word'];

export function confidenceWord(confidence: number): ConfidenceWord {
  return CONFIDENCE_WORDS.find((entry) => confidence >= entry.from)?.word ?? 'unsure';
}

/**
 * A confidence as the annotator reads it: whole percent, and the word of that rounded number, so "90%" never
 * reads "likely". Every screen that shows a suggestion's confidence shows it through this.
 */
export function shownConfidence(confidence: number): { percent: number; word: ConfidenceWord } {
  const percent = Math.round(Math.min(1, Math.max(0, confidence)) * 100);
  return { percent, word: confidenceWord(percent / 100) };
}
