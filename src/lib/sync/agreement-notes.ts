// What a coordinator needs beside the agreement table to read it: why a figure is missing, and what Light's kappa
// averages. One wording for the Review screen and `fieldlabel stats`.
import type { AgreementFigures, ClassificationReport } from './report-types';

const CHANCE_CORRECTED: readonly (keyof AgreementFigures)[] = ['lightKappa', 'fleissKappa', 'krippendorffAlpha', 'gwetAc1'];

export function agreementNotes(report: ClassificationReport): string[] {
  if (report.pairableTasks === 0) return ['No task was labelled by two annotators, so there is no agreement to measure yet.'];
  const notes: string[] = [];
  const pairs = report.annotatorPairs === 1 ? 'the one pair' : `the ${report.annotatorPairs.toLocaleString('en-US')} pairs`;
  if (report.annotators !== 2) {
    notes.push(
      `Cohen's κ compares exactly two annotators; ${report.annotators.toLocaleString('en-US')} labelled here. ` +
        `Light's κ is the mean of Cohen's κ over ${pairs} of annotators who labelled tasks in common (Light 1971); ` +
        'a pair whose shared votes all fell in one category has no κ and is left out.',
    );
  }
  const compared: (keyof AgreementFigures)[] = report.annotators === 2 ? ['cohenKappa', ...CHANCE_CORRECTED] : [...CHANCE_CORRECTED];
  const figures = [report.overall, ...Object.values(report.perLabel)];
  if (figures.some((f) => compared.some((key) => f[key] === null))) {
    notes.push('A figure is left out where the votes it compares all fell in one category: agreement by chance is then certain, and nothing is left to measure.');
  }
  return notes;
}
