// Whether the values a label file (or a bundle's labels) brings can be labels of the project they are applied to.
// A file is only checked for its own consistency when it is read; this is the check against the project: its task
// type, its label names, and — for spans — the text of the task each span points into. One value that cannot be a
// label refuses the whole file, naming its line: applying the rest would leave the annotator guessing what was lost.
import type { TaskType } from '../domain/types';
import { FileFormatError } from '../formats/types';
import { quoteForMessage as quote } from '../formats/values';
import { decodeSpan } from '../spans/span-value';
import type { LabelFile, SyncAnnotation } from './types';

/**
 * What of a project decides which values are labels of it. Overlapping spans in a project that forbids them are
 * not refused: files from other tools bring them in through labelled import, and the label files of the device that
 * imported them must still be read by every other device.
 */
export interface LabelRules {
  taskType: TaskType;
  labels: readonly { name: string }[];
}

const MAX_NAMES_LISTED = 12;

/**
 * Why `value` cannot be an annotation of a project with these rules, or null when it can. `text` is the text of the
 * annotation's task, or undefined when the task is not in the project (then spans cannot be checked against it).
 */
export function valueProblem(value: readonly string[], rules: LabelRules, text: string | undefined): string | null {
  const known = new Set(rules.labels.map((l) => l.name));
  const listed = labelList(rules);
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
    if (text !== undefined && span.end > text.length) {
      return `span ${quote(item)} ends at ${span.end}, after the end of its task's text (${text.length} characters)`;
    }
  }
  return null;
}

/**
 * Refuses the file at the first annotation whose value cannot be a label of the project. `taskText` gives the text
 * of a task in the project, undefined for a task it does not have (such annotations are kept apart, see held.ts).
 */
export function checkLabelValues(file: LabelFile, rules: LabelRules, taskText: (taskId: string) => string | undefined): void {
  file.annotations.forEach((a: SyncAnnotation, i) => {
    const problem = valueProblem(a.value, rules, taskText(a.taskId));
    if (problem !== null) throw new FileFormatError(file.fileName, file.lines[i] ?? null, problem);
  });
}

function labelList(rules: LabelRules): string {
  const names = rules.labels.map((l) => l.name);
  const shown = names.slice(0, MAX_NAMES_LISTED).join(', ');
  return `its labels: ${names.length > MAX_NAMES_LISTED ? `${shown}, …` : shown}`;
}
