// What reading a file of another tool left out, so that nothing is left out silently: the parts a reader saw but
// the model has no place for (Label Studio relations and text areas, doccano relations), counted by kind, and a file
// of which not one label was read although its format has a place for labels (a doccano file whose labels sit in a
// field named otherwise, a Label Studio file of tasks only). The app's import summary and `fieldlabel convert` say
// both in the same words.

import { formatCount } from '../limits';
import type { LabelledDoc } from './document';

/** A kind of part left out, as a noun for one and for several. */
export interface DroppedKind {
  one: string;
  many: string;
}

export class ReadReport {
  /** Where the format keeps its labels, in words: what a file without any is said to lack. */
  labelsFrom: string;
  private readonly counts = new Map<string, { kind: DroppedKind; count: number }>();

  constructor(labelsFrom: string) {
    this.labelsFrom = labelsFrom;
  }

  drop(kind: DroppedKind, count = 1): void {
    const seen = this.counts.get(kind.one);
    if (seen) seen.count += count;
    else this.counts.set(kind.one, { kind, count });
  }

  /** Every kind left out, in the order first met. */
  get dropped(): { kind: DroppedKind; count: number }[] {
    return [...this.counts.values()].map((entry) => ({ ...entry }));
  }
}

/** A file read whole: its documents, and what the reading left out. */
export interface LabelledFile {
  fileName: string;
  docs: LabelledDoc[];
  report: ReadReport;
}

/** Sentences for a summary, one per thing to know; none when the file was read whole and held labels. */
export function readNotes(file: LabelledFile): string[] {
  const notes: string[] = [];
  const dropped = file.report.dropped.map(({ kind, count }) => `${formatCount(count)} ${count === 1 ? kind.one : kind.many}`);
  if (dropped.length > 0) notes.push(`${file.fileName}: not read, as fieldlabel has no place for them: ${listed(dropped)}.`);
  const labelled = file.docs.some((doc) => doc.annotations.some((annotation) => annotation.labels.length > 0 || annotation.spans.length > 0));
  if (file.docs.length > 0 && !labelled) {
    const documents = `${formatCount(file.docs.length)} document${file.docs.length === 1 ? '' : 's'}`;
    notes.push(`${file.fileName}: ${documents} read, none with a label in ${file.report.labelsFrom}.`);
  }
  return notes;
}

function listed(parts: string[]): string {
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
