// Agreement of a project's annotators, from its merged annotations: per label (present or absent, one binary
// judgement per annotator and task) and overall. Single-label tasks are one nominal judgement, so "overall" is the
// nominal figure; multi-label tasks are several binary judgements, so "overall" is the mean of the per-label figures.
//
// Compare tasks get their own figures (compare-agreement.ts). Span tasks get exact-match span F1 (span-agreement.ts) and no classification figures. Treating each distinct span
// as a unit was considered and left out: units would exist only where someone marked something, so "neither marked
// it" is never observed. Per label, that leaves a present/absent table whose absent-absent cell is empty, and Cohen's
// κ = 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)) with d = 0 can never be above 0, however well annotators agree
// (two annotators matching on 9 of their 10 spans each: Cohen's and Fleiss' κ −0.10, Krippendorff's α −0.05).
// Per task ("does this text contain a PER?") the figures would be sound, but they measure something other than where
// the spans are, and beside span F1 they would read as span agreement and mislead.
import type { TaskType } from '../domain/types';
import { agreementFigures, annotatorPairs, type Rating } from './agreement';
import { mergeAll } from './merge';
import { compareAgreement } from './compare-agreement';
import type { AgreementFigures, AgreementReport, ClassificationReport, CompareReport, SpanReport } from './report-types';
import { spanAgreement, spanVotesByTask } from './span-agreement';
import type { SyncAnnotation } from './types';
import { isVote, labelNames, singleChoice, votesByTask } from './votes';

const BINARY_SCALE = ['absent', 'present'];

/** For the annotations of one project, in any order and with any old versions: only the current ones count. */
export function agreementReport(annotations: readonly SyncAnnotation[], taskType: 'spans', projectLabels?: readonly string[]): SpanReport;
export function agreementReport(annotations: readonly SyncAnnotation[], taskType: 'compare', projectLabels?: readonly string[]): CompareReport;
export function agreementReport(annotations: readonly SyncAnnotation[], taskType: ClassificationReport['taskType'], projectLabels?: readonly string[]): ClassificationReport;
export function agreementReport(annotations: readonly SyncAnnotation[], taskType: TaskType, projectLabels?: readonly string[]): AgreementReport;
export function agreementReport(annotations: readonly SyncAnnotation[], taskType: TaskType, projectLabels: readonly string[] = []): AgreementReport {
  if (taskType === 'spans') {
    const byTask = [...spanVotesByTask(mergeAll([annotations])).values()];
    return { taskType, ...voteCounts(byTask), spanF1: spanAgreement(annotations, projectLabels) };
  }
  if (taskType === 'compare') return compareAgreement(annotations);
  const votes = mergeAll([annotations]).filter(isVote);
  const labels = labelNames(votes, projectLabels);
  // fromEntries defines properties, so a label named "__proto__" stays a label.
  const perLabel: Record<string, AgreementFigures> = Object.fromEntries(
    labels.map((label) => [label, agreementFigures(votes.map((a) => rating(a, a.value.includes(label) ? 'present' : 'absent')), BINARY_SCALE)]),
  );
  // Also what the pairs are counted from: they depend only on who voted on which task.
  const choices = votes.map((a) => rating(a, singleChoice(a.value)));
  const overall = taskType === 'single' ? agreementFigures(choices, projectLabels) : meanFigures(Object.values(perLabel));
  return { taskType, ...voteCounts([...votesByTask(votes).values()]), annotatorPairs: annotatorPairs(choices), overall, perLabel };
}

function voteCounts(byTask: readonly SyncAnnotation[][]): Pick<AgreementReport, 'tasks' | 'pairableTasks' | 'annotators'> {
  return {
    tasks: byTask.length,
    pairableTasks: byTask.filter((v) => v.length >= 2).length,
    annotators: new Set(byTask.flat().map((a) => a.annotatorId)).size,
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
    lightKappa: mean('lightKappa'),
    fleissKappa: mean('fleissKappa'),
    krippendorffAlpha: mean('krippendorffAlpha'),
    gwetAc1: mean('gwetAc1'),
  };
}
