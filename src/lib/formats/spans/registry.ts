// The one place that knows which module reads and writes which labelled-text format, for the app's importer and
// the convert command alike.

import * as conll from './conll';
import * as doccano from './doccano';
import type { LabelledDoc } from './document';
import { readHf, writeHf } from './hf';
import * as labelstudio from './labelstudio';
import * as labelstudioMin from './labelstudio-min';
import * as prodigy from './prodigy';
import { ReadReport, type LabelledFile } from './read-report';
import * as taskExport from './task-export';

export { detectLabelledFormat, type DetectedFormat } from './detect';
export { readNotes, type LabelledFile } from './read-report';

import type { LabelFormat } from './format-names';

export { isLabelFormat, LABEL_FORMATS, type LabelFormat } from './format-names';

/** What a format has room for beyond labelled annotations, so that a caller can say what writing it leaves out. */
export const FORMAT_HOLDS: Record<LabelFormat, { predictions: boolean; skipped: boolean }> = {
  labelstudio: { predictions: true, skipped: true },
  'labelstudio-min': { predictions: false, skipped: false },
  prodigy: { predictions: true, skipped: true },
  doccano: { predictions: false, skipped: false },
  conll: { predictions: false, skipped: false },
  hf: { predictions: false, skipped: false },
  jsonl: { predictions: false, skipped: true },
  csv: { predictions: false, skipped: true },
};

export interface ReadOptions {
  /** hf: the dataset's label list (ClassLabel names), naming the indices in ner_tags or label. */
  labelNames?: readonly string[];
  /** doccano exports of before 1.0: the name of each label id ({"1": "PER", ...}). */
  labelIds?: Readonly<Record<string, string>>;
  /** labelstudio, labelstudio-min, jsonl, csv: the field holding the text (default: as task import picks it). */
  textField?: string;
  /** labelstudio-min: the field holding the results, the control tag's name (default: as `chooseLabelField` picks it). */
  fromName?: string;
}

export interface WriteOptions {
  /** hf: the label list to write indices of (token rows: default hfTagNames(docs); text rows: default names). */
  labelNames?: readonly string[];
  /** jsonl, csv: the time written for every annotation (default: now). */
  now?: number;
}

/** Where each format keeps its labels, in words: what the report says a file without any lacks. */
const LABELS_FROM: Record<LabelFormat, string> = {
  labelstudio: labelstudio.LABELS_FROM,
  'labelstudio-min': 'the result field',
  prodigy: '"spans", "label" or "accept" of an answered line',
  doccano: doccano.LABELS_FROM,
  conll: 'the tag column (every tag is O)',
  hf: '"ner_tags", "label" or "labels"',
  jsonl: '"annotations"',
  csv: 'the "labels" column',
};

/** Every document of the file, or a FormatProblem for the first thing wrong in it: never a part of the file. */
export function readLabelled(format: LabelFormat, text: string, fileName: string, options: ReadOptions = {}): LabelledDoc[] {
  return readLabelledFile(format, text, fileName, options).docs;
}

/** The file's documents and what reading it left out (`readNotes` says it in words). */
export function readLabelledFile(format: LabelFormat, text: string, fileName: string, options: ReadOptions = {}): LabelledFile {
  const report = new ReadReport(LABELS_FROM[format]);
  return { fileName, docs: readDocs(format, text, fileName, options, report), report };
}

function readDocs(format: LabelFormat, text: string, fileName: string, options: ReadOptions, report: ReadReport): LabelledDoc[] {
  switch (format) {
    case 'labelstudio':
      return labelstudio.read(text, fileName, options, report);
    case 'labelstudio-min':
      return labelstudioMin.read(text, fileName, options, report);
    case 'prodigy':
      return prodigy.read(text, fileName);
    case 'doccano':
      return doccano.read(text, fileName, options, report);
    case 'conll':
      return conll.read(text, fileName);
    case 'hf':
      return readHf(text, fileName, options.labelNames);
    case 'jsonl':
      return taskExport.readJsonl(text, fileName, options);
    case 'csv':
      return taskExport.readCsv(text, fileName, options);
  }
}

/** The whole file, or a SpanWriteError naming the first document the format cannot express. */
export function writeLabelled(format: LabelFormat, docs: readonly LabelledDoc[], options: WriteOptions = {}): string {
  switch (format) {
    case 'labelstudio':
      return labelstudio.write(docs);
    case 'labelstudio-min':
      return labelstudioMin.write(docs);
    case 'prodigy':
      return prodigy.write(docs);
    case 'doccano':
      return doccano.write(docs);
    case 'conll':
      return conll.write(docs);
    case 'hf':
      return writeHf(docs, options.labelNames);
    case 'jsonl':
      return taskExport.writeJsonl(docs, options.now ?? Date.now());
    case 'csv':
      return taskExport.writeCsv(docs, options.now ?? Date.now());
  }
}
