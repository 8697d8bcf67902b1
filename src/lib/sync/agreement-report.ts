// Agreement of a project's annotators, from its merged annotations: per label (present or absent, one binary
// judgement per annotator and task) and overall. Single-label tasks are one nominal judgement, so "overall" is the
// nominal figure; multi-label tasks are several binary judgements, so "overall" is the mean of the per-label figures.
import type { TaskType } from '../db/rows';
import { agreementFigures, type Rating } from './agreement';
import { mergeAll } from './merge';
import type { AgreementFigures, AgreementReport } from './report-types';
import type { SyncAnnotation } from './types';
import { isVote, labelNames, singleChoice, votesByTask } from './votes';

const BINARY_SCALE = ['absent', 'present'];

/** For the annotations of one project, in any order and with any old versions: only the current ones count. */
export function agreementReport(annotations: readonly SyncAnnotation[], taskType: TaskType, projectLabels: readonly string[] = []): AgreementReport {
  const votes = mergeAll([annotations]).filter(isVote);
  const labels = labelNames(votes, projectLabels);
  // fromEntries defines properties, so a label named "__proto__" stays a label.
  const perLabel: Record<string, AgreementFigures> = Object.fromEntries(
    labels.map((label) => [label, agreementFigures(votes.map((a) => rating(a, a.value.includes(label) ? 'present' : 'absent')), BINARY_SCALE)]),
  );
  const overall =
    taskType === 'single'
      ? agreementFigures(votes.map((a) => rating(a, singleChoice(a.value))), projectLabels)
      : meanFigures(Object.values(perLabel));
  const byTask = [...votesByTask(votes).values()];
  return {
    taskType,
    tasks: byTask.length,
    pairableTasks: byTask.filter((v) => v.length >= 2).length,
    annotators: new Set(votes.map((a) => a.annotatorId)).size,
    overall,
    perLabel,
  };
}

function rating(a: SyncAnnotation, value: string): Rating {
  return { unit: a.taskId, annotator: a.annotatorId, value };
}

/** Mean of each coefficient over the labels where it is defined. */
function meanFigures(figures: readonly AgreementFigures[]): AgreementFigures {
  const mean = (key: keyof AgreementFigures): number | null => {
    const defined = figures.map((f) => f[key]).filter((v): v is number => v !== null);
    return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
  };
  return {
    percentAgreement: mean('percentAgreement'),
    cohenKappa: mean('cohenKappa'),
    fleissKappa: mean('fleissKappa'),
    krippendorffAlpha: mean('krippendorffAlpha'),
    gwetAc1: mean('gwetAc1'),
  };
}
