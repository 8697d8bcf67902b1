// What fieldlabel computes from merged annotations — agreement figures and final labels — in memory (camelCase)
// and as written to JSON (snake_case), with the converters between the two.
import type { AnchoringByAnnotator, AnchoringReport } from '../learn/anchoring';
import type { PositionBias } from './position-bias';

/** The agreement figures of one label, or of the whole project; null where a coefficient is undefined. */
export interface AgreementFigures {
  percentAgreement: number | null;
  /** Two annotators only. */
  cohenKappa: number | null;
  /** The mean of Cohen's kappa over the pairs of annotators; Cohen's kappa itself when there are two. */
  lightKappa: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  gwetAc1: number | null;
}

export interface AgreementFiguresJson {
  percent_agreement: number | null;
  cohen_kappa: number | null;
  light_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha: number | null;
  gwet_ac1: number | null;
}

interface ReportCounts {
  /** Tasks with at least one vote, and those with two or more: agreement can only be measured on the latter. */
  tasks: number;
  pairableTasks: number;
  annotators: number;
}

export interface ClassificationReport extends ReportCounts {
  taskType: 'single' | 'multi';
  /** Pairs of annotators who labelled at least one task in common: the pairs Light's kappa is the mean over. */
  annotatorPairs: number;
  overall: AgreementFigures;
  perLabel: Record<string, AgreementFigures>;
}

/** Span projects carry span F1 only: see agreement-report.ts for why the classification figures are left out. */
export interface SpanReport extends ReportCounts {
  taskType: 'spans';
  spanF1: SpanAgreement;
}

/** Agreement on one rating item, read as nominal, ordinal and interval data (Krippendorff's α at each level). */
export interface RatingAgreement {
  /** Tasks two or more annotators rated on this item. */
  pairableTasks: number;
  percentAgreement: number | null;
  alphaNominal: number | null;
  alphaOrdinal: number | null;
  alphaInterval: number | null;
}

/** Two annotators (or an annotator and the model's judge) on the preferences of the tasks both judged. */
export interface PreferencePair {
  /** Ids in code-unit order. */
  annotators: [string, string];
  tasks: number;
  percentAgreement: number | null;
  cohenKappa: number | null;
}

/** Compare projects: preferences as nominal categories keyed by response id, ratings per rubric item, position bias. */
export interface CompareReport extends ReportCounts {
  taskType: 'compare';
  /** Among the people; a model's judge is in `pairs` only. */
  preference: AgreementFigures;
  ratings: Record<string, RatingAgreement>;
  pairs: PreferencePair[];
  positionBias: PositionBias[];
  /** Agreement with the model's suggestion where it was shown and where it was hidden, per annotator and in all. */
  anchoring: AnchoringByAnnotator;
}

export type AgreementReport = ClassificationReport | SpanReport | CompareReport;

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

interface ReportCountsJson {
  tasks: number;
  pairable_tasks: number;
  annotators: number;
}

export interface ClassificationReportJson extends ReportCountsJson {
  task_type: 'single' | 'multi';
  overall: AgreementFiguresJson;
  per_label: Record<string, AgreementFiguresJson>;
}

export interface SpanPairJson extends SpanMatch {
  annotators: [string, string];
  tasks: number;
  spans: [number, number];
  per_label: Record<string, SpanMatch>;
}

export interface SpanAgreementJson {
  overall: SpanMatch;
  per_label: Record<string, SpanMatch>;
  pairs: SpanPairJson[];
  annotators: { id: string; tasks: number; spans: number; per_label: Record<string, number> }[];
}

export interface SpanReportJson extends ReportCountsJson {
  task_type: 'spans';
  span_f1: SpanAgreementJson;
}

export interface CompareReportJson extends ReportCountsJson {
  task_type: 'compare';
  preference: AgreementFiguresJson;
  ratings: Record<string, { pairable_tasks: number; percent_agreement: number | null; alpha_nominal: number | null; alpha_ordinal: number | null; alpha_interval: number | null }>;
  pairs: { annotators: [string, string]; tasks: number; percent_agreement: number | null; cohen_kappa: number | null }[];
  position_bias: {
    annotator_id: string;
    annotator_name: string;
    choices: number;
    first: number;
    first_share: number | null;
    chance_share: number | null;
    p_value: number | null;
    by_responses: { responses: number; choices: number; first: number }[];
  }[];
  anchoring: { all: AnchoringReport; annotators: { annotator_id: string; annotator_name: string; shown: AnchoringReport['shown']; hidden: AnchoringReport['hidden']; difference: number | null }[] };
}

export type AgreementReportJson = ClassificationReportJson | SpanReportJson | CompareReportJson;

export function figuresToJson(f: AgreementFigures): AgreementFiguresJson {
  return {
    percent_agreement: f.percentAgreement,
    cohen_kappa: f.cohenKappa,
    light_kappa: f.lightKappa,
    fleiss_kappa: f.fleissKappa,
    krippendorff_alpha: f.krippendorffAlpha,
    gwet_ac1: f.gwetAc1,
  };
}

export function reportToJson(r: AgreementReport): AgreementReportJson {
  const counts = { tasks: r.tasks, pairable_tasks: r.pairableTasks, annotators: r.annotators };
  if (r.taskType === 'spans') return { task_type: r.taskType, ...counts, span_f1: spanAgreementToJson(r.spanF1) };
  if (r.taskType === 'compare') return { task_type: r.taskType, ...counts, ...compareToJson(r) };
  return {
    task_type: r.taskType,
    ...counts,
    overall: figuresToJson(r.overall),
    per_label: Object.fromEntries(Object.entries(r.perLabel).map(([label, f]) => [label, figuresToJson(f)])),
  };
}

function compareToJson(r: CompareReport): Omit<CompareReportJson, 'task_type' | keyof ReportCountsJson> {
  return {
    preference: figuresToJson(r.preference),
    ratings: Object.fromEntries(
      Object.entries(r.ratings).map(([item, a]) => [
        item,
        { pairable_tasks: a.pairableTasks, percent_agreement: a.percentAgreement, alpha_nominal: a.alphaNominal, alpha_ordinal: a.alphaOrdinal, alpha_interval: a.alphaInterval },
      ]),
    ),
    pairs: r.pairs.map((p) => ({ annotators: p.annotators, tasks: p.tasks, percent_agreement: p.percentAgreement, cohen_kappa: p.cohenKappa })),
    position_bias: r.positionBias.map((b) => ({
      annotator_id: b.annotatorId,
      annotator_name: b.annotatorName,
      choices: b.choices,
      first: b.first,
      first_share: b.firstShare,
      chance_share: b.chanceShare,
      p_value: b.pValue,
      by_responses: b.byResponses.map(({ responses, choices, first }) => ({ responses, choices, first })),
    })),
    anchoring: { all: r.anchoring.all, annotators: r.anchoring.annotators.map((a) => ({ annotator_id: a.annotatorId, annotator_name: a.annotatorName, ...a.report })) },
  };
}

function spanAgreementToJson(s: SpanAgreement): SpanAgreementJson {
  return {
    overall: s.overall,
    per_label: s.perLabel,
    pairs: s.pairs.map(({ annotators, tasks, spans, matched, marked, f1, perLabel }) => ({ annotators, tasks, spans, matched, marked, f1, per_label: perLabel })),
    annotators: s.annotators.map(({ id, tasks, spans, perLabel }) => ({ id, tasks, spans, per_label: perLabel })),
  };
}

/** review: a reviewer decided; majority: most votes; tie: votes drew (see `tied`); single: one vote only. */
export type FinalSource = 'review' | 'majority' | 'tie' | 'single';

export interface FinalLabel {
  taskId: string;
  value: string[];
  source: FinalSource;
  /**
   * Votes per option (single-label), per label (multi-label), per span (spans) or per preference keyed by response id
   * (compare: "better:r1", "tie", …), from annotators in the role "label".
   */
  votes: Record<string, number>;
  annotators: number;
  /** On a tie: the options (single-label), labels (multi-label), spans or preferences (compare) that drew. */
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
