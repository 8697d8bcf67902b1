// A compare task as the project stores it (task row, its annotations, the judge's suggestion) back into the model
// the compare writers take. Stored values are checked as they are decoded: a value that is no judgement is counted
// as one without a preference rather than exported as something it is not.

import { decodeJudgement, type CompareContent } from '../../domain/compare';
import type { CompareDoc, CompareJudgementRecord } from './compare-doc';

/** What the writer needs of a stored annotation: the row's fields, and its annotator's name. */
export interface StoredJudgement {
  annotatorName: string;
  value: readonly string[];
  status: 'labelled' | 'skipped';
  createdAt: number;
  updatedAt: number;
  suggestion: { value: readonly string[]; confidence: number; modelVersion: string; hidden?: true } | null;
  suggestionOutcome: 'accepted' | 'changed' | 'ignored' | null;
}

export interface StoredCompareTask {
  id: string;
  meta: Record<string, unknown>;
  compare: CompareContent;
  annotations: StoredJudgement[];
  prelabel: { value: readonly string[]; score: number | null; source: string } | null;
}

export function compareDocFromRows(task: StoredCompareTask): CompareDoc {
  const judgements = task.annotations.map((annotation): CompareJudgementRecord => {
    const decoded = annotation.status === 'labelled' ? decodeOne(annotation.value) : null;
    const suggested = annotation.suggestion ? decodeOne(annotation.suggestion.value) : null;
    return {
      annotator: annotation.annotatorName,
      status: annotation.status,
      judgement: annotation.status === 'labelled' ? (decoded ?? { shown: task.compare.responses.map((r) => r.id), preference: null, ratings: {}, correction: null, rationale: '' }) : null,
      createdAt: annotation.createdAt,
      updatedAt: annotation.updatedAt,
      suggestion: annotation.suggestion && suggested ? { judgement: suggested, confidence: annotation.suggestion.confidence, modelVersion: annotation.suggestion.modelVersion, ...(annotation.suggestion.hidden ? { hidden: true as const } : {}) } : null,
      suggestionOutcome: annotation.suggestionOutcome,
    };
  });
  const verdict = task.prelabel ? decodeOne(task.prelabel.value) : null;
  return {
    id: task.id,
    line: null,
    content: task.compare,
    meta: task.meta,
    judgements,
    verdict: verdict && task.prelabel ? { judgement: verdict, score: task.prelabel.score, source: task.prelabel.source } : null,
  };
}

function decodeOne(value: readonly string[]) {
  if (value.length !== 1) return null;
  const decoded = decodeJudgement(value[0] as string);
  return typeof decoded === 'string' ? null : decoded;
}
