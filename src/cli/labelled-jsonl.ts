// Reads a JSON Lines file of already-labelled texts for the commands that replay or check labelling. Line parsing is
// the app's own (src/lib/formats/jsonl.ts); this adds what a labelled corpus needs: the named fields must exist and
// hold a text and a label (a string, or an array of strings for multi-label). Unlike an import, where a bad line is
// skipped and reported, a corpus with a bad line is refused: a simulation on silently thinned data would mislead.
import { createJsonlStream } from '../lib/formats/jsonl';
import { describeValue } from '../lib/formats/values';

export interface LabelledCorpus {
  texts: string[];
  /** Label names per text; one each unless the file is multi-label. */
  labels: string[][];
  /** Every label seen, sorted: class c of the head is classNames[c]. */
  classNames: string[];
  /** True as soon as any line's label is an array. */
  multiLabel: boolean;
}

/** A problem in the data file, with its name and line: exit code 1. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

export function readLabelledJsonl(fileName: string, content: string, textField: string, labelField: string): LabelledCorpus {
  const stream = createJsonlStream(fileName);
  let items;
  try {
    items = [...stream.push(content), ...stream.end()];
  } catch (error) {
    throw new DataError(error instanceof Error ? error.message : String(error));
  }
  const texts: string[] = [];
  const labels: string[][] = [];
  let multiLabel = false;
  for (const item of items) {
    const where = `${fileName}, line ${item.line}`;
    if (item.kind === 'error') throw new DataError(`${where}: ${item.message}`);
    const text = item.fields[textField];
    const label = item.fields[labelField];
    if (text === undefined) throw new DataError(`${where}: no "${textField}" field (the --text field)`);
    if (typeof text !== 'string') throw new DataError(`${where}: "${textField}" must be a string, found ${describeValue(text)}`);
    if (label === undefined) throw new DataError(`${where}: no "${labelField}" field (the --label field)`);
    if (typeof label === 'string') {
      labels.push([label]);
    } else if (Array.isArray(label) && label.every((l): l is string => typeof l === 'string')) {
      multiLabel = true;
      labels.push([...new Set(label)]);
    } else {
      throw new DataError(`${where}: "${labelField}" must be a string or an array of strings, found ${describeValue(label)}`);
    }
    texts.push(text);
  }
  if (texts.length === 0) throw new DataError(`${fileName}: no labelled lines`);
  const classNames = [...new Set(labels.flat())].sort();
  if (classNames.length < 2) throw new DataError(`${fileName}: needs at least two different labels, found ${classNames.length}`);
  return { texts, labels, classNames, multiLabel };
}
