// What fieldlabel computes from merged annotations — agreement figures and final labels — in memory (camelCase)
// and as written to JSON (snake_case), with the converters between the two.
import type { TaskType } from '../db/rows';

/** The agreement figures of one label, or of the whole project; null where a coefficient is undefined. */
export interface AgreementFigures {
  percentAgreement: number | null;
  cohenKappa: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  gwetAc1: number | null;
}

export interface AgreementFiguresJson {
  percent_agreement: number | null;
  cohen_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha: number | null;
  gwet_ac1: number | null;
}

export interface AgreementReport {
  taskType: TaskType;
  /** Tasks with at least one vote, and those with two or more: agreement can only be measured on the latter. */
  tasks: number;
  pairableTasks: number;
  annotators: number;
  overall: AgreementFigures;
  perLabel: Record<string, AgreementFigures>;
}

/**
 * Exact-match agreement on spans: `matched` spans marked alike by both sides of a pair (same start, end and label),
 * `marked` the spans both sides marked in all, F1 = 2·matched / marked. Null when no two annotators share a task.
 */
export interface SpanMatch {
  matched: number;
  marked: number;
  f1: number | null;
}

export interface SpanPair extends SpanMatch {
  /** Ids in code-unit order. */
  annotators: [string, string];
  /** Tasks both labelled, and each one's spans on them: who marks more shows here. */
  tasks: number;
  spans: [number, number];
  perLabel: Record<string, SpanMatch>;
}

export interface SpanAnnotatorCounts {
  id: string;
  /** Over all the tasks the annotator labelled, shared or not. */
  tasks: number;
  spans: number;
  perLabel: Record<string, number>;
}

export interface SpanAgreement {
  /** Pooled over the pairs: the pairs' F1 averaged with each pair weighted by the spans it marked. */
  overall: SpanMatch;
  perLabel: Record<string, SpanMatch>;
  pairs: SpanPair[];
  annotators: SpanAnnotatorCounts[];
}

export interface AgreementReportJson {
  task_type: TaskType;
  tasks: number;
  pairable_tasks: number;
  annotators: number;
  overall: AgreementFiguresJson;
  per_label: Record<string, AgreementFiguresJson>;
}

export function figuresToJson(f: AgreementFigures): AgreementFiguresJson {
  return {
    percent_agreement: f.percentAgreement,
    cohen_kappa: f.cohenKappa,
    fleiss_kappa: f.fleissKappa,
    krippendorff_alpha: f.krippendorffAlpha,
    gwet_ac1: f.gwetAc1,
  };
}

export function reportToJson(r: AgreementReport): AgreementReportJson {
  return {
    task_type: r.taskType,
    tasks: r.tasks,
    pairable_tasks: r.pairableTasks,
    annotators: r.annotators,
    overall: figuresToJson(r.overall),
    per_label: Object.fromEntries(Object.entries(r.perLabel).map(([label, f]) => [label, figuresToJson(f)])),
  };
}

/** review: a reviewer decided; majority: most votes; tie: votes drew (see `tied`); single: one vote only. */
export type FinalSource = 'review' | 'majority' | 'tie' | 'single';

export interface FinalLabel {
  taskId: string;
  value: string[];
  source: FinalSource;
  /** Votes per option (single-label) or per label (multi-label), from annotators in the role "label". */
  votes: Record<string, number>;
  annotators: number;
  /** On a tie: the options (single-label) or labels (multi-label) that drew. */
  tied?: string[];
}

export interface FinalLabelJson {
  task_id: string;
  value: string[];
  source: FinalSource;
  votes: Record<string, number>;
  annotators: number;
  tie?: true;
  tied?: string[];
}

export function finalLabelToJson(f: FinalLabel): FinalLabelJson {
  const json: FinalLabelJson = { task_id: f.taskId, value: f.value, source: f.source, votes: f.votes, annotators: f.annotators };
  if (f.tied !== undefined) Object.assign(json, { tie: true, tied: f.tied });
  return json;
}
