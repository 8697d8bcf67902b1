// Whether the values a label file (or a bundle's labels) brings can be labels of the project they are applied to.
// A file is only checked for its own consistency when it is read; this is the check against the project: its task
// type, its label names or rubric, and the task each value speaks of — the text spans point into, the responses a
// judgement compares. One value that cannot be a label refuses the whole file, naming its line: applying the rest
// would leave the annotator guessing what was lost.
import { decodeJudgement, DEFAULT_RUBRIC, judgementValueProblem, type CompareContent, type Rubric } from '../domain/compare';
import type { TaskType } from '../domain/types';
import { FileFormatError } from '../formats/types';
import { quoteForMessage as quote } from '../formats/values';
import { decodeSpan } from '../spans/span-value';
import { COMPARE_LIMITS } from './compare-schema';
import type { LabelFile, SyncAnnotation } from './types';

/**
 * What of a project decides which values are labels of it. Overlapping spans in a project that forbids them are
 * not refused: files from other tools bring them in through labelled import, and the label files of the device that
 * imported them must still be read by every other device.
 */
export interface LabelRules {
  taskType: TaskType;
  labels: readonly { name: string }[];
  /** Compare projects: what a judgement may rate. */
  rubric?: Rubric;
}

/** What of a task a value is checked against: its text (spans) and, for a compare task, its responses. */
export interface LabelledTask {
  text: string;
  compare?: CompareContent;
}

const MAX_NAMES_LISTED = 12;

/** A judgement holds at most a corrected response and a rationale, each as long as a response may be. */
const MAX_JUDGEMENT_CHARS = 2 * COMPARE_LIMITS.contentChars + 10_000;

/**
 * Why `value` cannot be an annotation of a project with these rules, or null when it can. `task` is the annotation's
 * task, or undefined when it is not in the project (then spans and judgements are checked for all but their task).
 */
export function valueProblem(value: readonly string[], rules: LabelRules, task: LabelledTask | undefined): string | null {
  if (rules.taskType === 'compare') return judgementProblem(value, rules.rubric ?? DEFAULT_RUBRIC, task);
  const known = new Set(rules.labels.map((l) => l.name));
  const listed = labelList(rules);
  const judgement = value.find(isJudgement);
  if (judgement !== undefined) return `${quote(judgement)} is a compare judgement, but this project ${rules.taskType === 'spans' ? 'marks spans' : 'labels whole texts'} (${listed})`;
  if (rules.taskType !== 'spans') {
    for (const name of value) {
      if (known.has(name)) continue;
      if (decodeSpan(name) !== null) return `${quote(name)} is a span, but this project labels whole texts (${listed})`;
      return `${quote(name)} is not a label of this project (${listed})`;
    }
    if (rules.taskType === 'single' && value.length > 1) {
      return `holds ${value.length} labels (${value.map(quote).join(', ')}), but this project takes one label per task`;
    }
    return null;
  }
  for (const item of value) {
    const span = decodeSpan(item);
    if (span === null) return `${quote(item)} is not a span "start:end:label", and this project marks spans (${listed})`;
    if (!known.has(span.label)) return `span ${quote(item)}: ${quote(span.label)} is not a label of this project (${listed})`;
    if (task !== undefined && span.end > task.text.length) {
      return `span ${quote(item)} ends at ${span.end}, after the end of its task's text (${task.text.length} characters)`;
    }
  }
  return null;
}

/** An empty value is a skip or an undo; anything else must be one judgement of this task's responses. */
function judgementProblem(value: readonly string[], rubric: Rubric, task: LabelledTask | undefined): string | null {
  if (value.length === 0) return null;
  const first = value[0] as string;
  if (!first.trimStart().startsWith('{')) {
    const kind = decodeSpan(first) !== null ? 'a span' : 'a label';
    return `${quote(first)} is ${kind}, but this project compares responses: its values are judgements (JSON with "shown", "preference", "ratings", "correction", "rationale")`;
  }
  if (first.length > MAX_JUDGEMENT_CHARS) {
    return `judgement ${quote(first)} is ${first.length.toLocaleString('en-US')} characters long, more than a judgement holds (${MAX_JUDGEMENT_CHARS.toLocaleString('en-US')})`;
  }
  if (task !== undefined && task.compare === undefined) return 'is a judgement of a task that holds no responses to compare';
  const problem = judgementValueProblem(value, rubric, task?.compare?.responses.map((r) => r.id));
  return problem === null ? null : `judgement ${quote(first)}: ${problem}`;
}

function isJudgement(value: string): boolean {
  return value.startsWith('{') && typeof decodeJudgement(value) !== 'string';
}

/**
 * Refuses the file at the first annotation whose value cannot be a label of the project. `taskOf` gives a task of the
 * project, undefined for a task it does not have (such annotations are kept apart, see held.ts).
 */
export function checkLabelValues(file: LabelFile, rules: LabelRules, taskOf: (taskId: string) => LabelledTask | undefined): void {
  file.annotations.forEach((a: SyncAnnotation, i) => {
    const problem = valueProblem(a.value, rules, taskOf(a.taskId));
    if (problem !== null) throw new FileFormatError(file.fileName, file.lines[i] ?? null, problem);
  });
}

function labelList(rules: LabelRules): string {
  const names = rules.labels.map((l) => l.name);
  const shown = names.slice(0, MAX_NAMES_LISTED).join(', ');
  return `its labels: ${names.length > MAX_NAMES_LISTED ? `${shown}, …` : shown}`;
}
