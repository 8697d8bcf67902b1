// From a compare file's tasks to what a compare project stores: tasks with their conversation and responses, the
// people's judgements as annotations (each under its annotator's name), a model judge's verdict as a suggestion.
// Pure, so the rules — which file fits which project, which judgement fits the rubric — are tested without a database.

import { DEFAULT_RUBRIC, encodeJudgement, judgementValueProblem, type CompareContent, type Rubric } from '../../domain/compare';
import type { TaskType } from '../../domain/types';
import { formatCount } from '../limits';
import { compareTaskId, promptText, type CompareFile } from './compare-doc';

/** What the plan needs of the project the file goes into. */
export interface ComparePlanTarget {
  name: string;
  taskType: TaskType;
  rubric?: Rubric;
}

export interface PlannedCompareAnnotation {
  annotator: string;
  /** [encodeJudgement(…)], or [] for a skip. */
  value: string[];
  status: 'labelled' | 'skipped';
  createdAt: number | null;
  updatedAt: number | null;
  suggestion: { value: string[]; confidence: number; modelVersion: string; hidden?: true } | null;
  suggestionOutcome: 'accepted' | 'changed' | 'ignored' | null;
}

export interface PlannedCompareTask {
  id: string;
  text: string;
  meta: Record<string, unknown>;
  compare: CompareContent;
  annotations: PlannedCompareAnnotation[];
  /** The judge's verdict, shown as a suggestion. */
  prelabel: { value: string[]; score: number | null; source: string | null } | null;
}

export interface CompareImportPlan {
  tasks: PlannedCompareTask[];
  notes: string[];
}

/** Refuses (throws) a compare file for another kind of project, and a judgement the project's rubric cannot hold. */
export function planCompareImport(file: CompareFile, project: ComparePlanTarget, formatTitle: string): CompareImportPlan {
  const { fileName } = file;
  const refusal = refusedByOtherProject(fileName, project, formatTitle);
  if (refusal !== null) throw new Error(refusal);
  const rubric = project.rubric ?? DEFAULT_RUBRIC;
  const seen = new Map<string, number | null>();
  let repeated = 0;
  const tasks: PlannedCompareTask[] = [];
  for (const doc of file.docs) {
    const id = compareTaskId(doc);
    if (seen.has(id)) {
      repeated++;
      continue;
    }
    seen.set(id, doc.line);
    const ids = doc.content.responses.map((response) => response.id);
    const where = `${fileName}${doc.line === null ? '' : `, line ${doc.line}`}`;
    const checked = (judgement: Parameters<typeof encodeJudgement>[0], whose: string): string[] => {
      const value = [encodeJudgement(judgement)];
      const problem = judgementValueProblem(value, rubric, ids);
      if (problem !== null) throw new Error(`${where}: the judgement by ${whose} ${problem}; nothing was imported.`);
      return value;
    };
    tasks.push({
      id,
      text: promptText(doc.content.messages),
      meta: doc.meta,
      compare: doc.content,
      annotations: doc.judgements.map((record) => ({
        annotator: record.annotator,
        value: record.status === 'labelled' && record.judgement !== null ? checked(record.judgement, JSON.stringify(record.annotator)) : [],
        status: record.judgement === null ? 'skipped' : record.status,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        suggestion: record.suggestion && { value: [encodeJudgement(record.suggestion.judgement)], confidence: record.suggestion.confidence, modelVersion: record.suggestion.modelVersion, ...(record.suggestion.hidden ? { hidden: true as const } : {}) },
        suggestionOutcome: record.suggestionOutcome,
      })),
      prelabel: doc.verdict && { value: checked(doc.verdict.judgement, 'the model judge'), score: doc.verdict.score, source: doc.verdict.source },
    });
  }
  const notes = [...file.notes];
  if (repeated > 0) notes.push(`${repeated === 1 ? '1 task repeats' : `${formatCount(repeated)} tasks repeat`} an earlier one of the file and ${repeated === 1 ? 'was' : 'were'} left out.`);
  return { tasks, notes };
}

/** What a project that labels texts says to a file of responses to compare; null for a compare project. */
export function refusedByOtherProject(fileName: string, project: ComparePlanTarget, formatTitle: string): string | null {
  if (project.taskType === 'compare') return null;
  return `${fileName} is a file of responses to compare (${formatTitle}), but project "${project.name}" labels texts. Import it into a "Compare responses" project; nothing was imported.`;
}

/** What a compare project says to a file of texts: it holds responses to compare, not texts to label. */
export function refusedByCompareProject(fileName: string, projectName: string): string {
  return `${fileName} holds texts to label, but project "${projectName}" compares responses. Import a file of prompts with their responses (see docs/formats.md, "Compare responses"); nothing was imported.`;
}
