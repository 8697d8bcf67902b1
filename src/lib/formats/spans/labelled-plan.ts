// From documents read out of another tool's file (Label Studio, Prodigy, doccano, CoNLL, Hugging Face) to what a
// project stores: tasks, the file's human labels as annotations, its machine pre-annotations as suggestions.
// Pure, so the rules — which label fits which project, whose label is whose — are unit-tested without a database.
import type { LabelDef, TaskType } from '../../domain/types';
import { encodeSpans } from '../../spans/span-value';
import { formatCount } from '../limits';
import { taskContentKey } from '../tasks';
import type { DocJudgement, LabelledDoc } from './document';

/** What the plan needs of the project the file goes into. */
export interface PlanTarget {
  name: string;
  taskType: TaskType;
  labels: readonly LabelDef[];
}

export interface ImportedTask {
  id: string;
  text: string;
  meta: Record<string, unknown>;
  /** Human labels, by who made them: null is "whoever imports the file". */
  annotations: { annotator: string | null; value: string[]; status: 'labelled' | 'skipped' }[];
  /** The file's pre-annotation, shown as a suggestion. */
  prelabel: { value: string[]; score: number | null } | null;
}

export interface LabelledImportPlan {
  tasks: ImportedTask[];
  /** What the annotator should know about what was not taken over, in words. */
  notes: string[];
}

/**
 * Turns documents into tasks for `project`. Refuses (throws) when the file uses labels the project does not have:
 * silently dropping them would lose labels, and guessing a mapping would invent them. A file whose annotators are
 * named keeps them apart only when there are several; a single annotator's file is taken as the importer's own work.
 */
export function planLabelledImport(docs: readonly LabelledDoc[], project: PlanTarget, fileName: string): LabelledImportPlan {
  const known = new Set(project.labels.map((l) => l.name));
  const unknown = new Map<string, number>();
  const notes: string[] = [];
  const spans = project.taskType === 'spans';
  let ignored = 0;
  let cut = 0;
  let empty = 0;

  const valueOf = (judgement: DocJudgement, docIndex: number): string[] => {
    const names = spans ? judgement.spans.map((s) => s.label) : judgement.labels;
    for (const name of names) if (!known.has(name) && !unknown.has(name)) unknown.set(name, docIndex);
    if (spans) {
      if (judgement.labels.length > 0) ignored++;
      return encodeSpans(judgement.spans);
    }
    if (judgement.spans.length > 0) ignored++;
    if (project.taskType === 'single' && judgement.labels.length > 1) cut++;
    return project.taskType === 'single' ? judgement.labels.slice(0, 1) : [...judgement.labels];
  };

  const named = new Set(docs.flatMap((doc) => doc.annotations.map((a) => a.annotator)).filter((a): a is string => a !== null));
  const keepApart = named.size > 1;
  const tasks = docs.map((doc, i): ImportedTask => {
    const prediction = doc.predictions[0];
    return {
      id: doc.id ?? taskContentKey(doc.text),
      text: doc.text,
      meta: doc.meta,
      annotations: doc.annotations.flatMap((a) => {
        const value = valueOf(a, i);
        // A choice left empty is no label: stored as one, it would count the task as done and vote for nothing.
        // (A span project's empty annotation does mean something: there is nothing to mark.)
        if (!spans && a.status === 'labelled' && value.length === 0) {
          if (a.spans.length === 0) empty++;
          return [];
        }
        return [{ annotator: keepApart ? a.annotator : null, value, status: a.status }];
      }),
      prelabel: prediction ? { value: valueOf(prediction, i), score: prediction.score } : null,
    };
  });

  if (unknown.size > 0) {
    const list = [...unknown].map(([name, doc]) => `"${name}" (first in document ${doc + 1})`).join(', ');
    throw new Error(`${fileName}: uses labels that project "${project.name}" does not have: ${list}. Create the project with these labels, or remove them from the file; nothing was imported.`);
  }
  if (ignored > 0) {
    const what = spans ? 'Whole-text labels' : 'Spans';
    notes.push(`${what} in ${documents(ignored)} were not taken over: this project labels ${spans ? 'spans' : 'whole texts'}.`);
  }
  if (cut > 0) {
    notes.push(`${cut === 1 ? '1 judgement holds' : `${formatCount(cut)} judgements hold`} several labels; this project takes one label per task, so only the first of each was taken over.`);
  }
  if (empty > 0) {
    notes.push(`${empty === 1 ? '1 annotation chooses' : `${formatCount(empty)} annotations choose`} no label and ${empty === 1 ? 'was' : 'were'} left out; ${empty === 1 ? 'its task stays' : 'their tasks stay'} open.`);
  }
  const predicted = docs.filter((doc) => doc.predictions.length > 1).length;
  if (predicted > 0) notes.push(`${documents(predicted)} ${predicted === 1 ? 'carries' : 'carry'} several predictions; the first of each became the suggestion.`);
  return { tasks, notes };
}

function documents(count: number): string {
  return count === 1 ? '1 document' : `${formatCount(count)} documents`;
}
