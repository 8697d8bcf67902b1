// The one place that knows which module reads and writes which compare format, for the app's importer, its export
// and the convert command alike.

import type { Rubric } from '../../domain/compare';
import type { CompareDoc, CompareFile } from './compare-doc';
import * as compareJsonl from './compare-jsonl';
import type { CompareReadFormat, CompareWriteFormat } from './format-names';
import * as kto from './kto';
import type { KtoRule } from './kto';
import * as labelstudioPairwise from './labelstudio-pairwise';
import * as openaiPreference from './openai-preference';
import type { CompareWriteResult } from './pairs';
import * as responses from './responses-jsonl';
import * as sft from './sft';
import * as trl from './trl';

export { detectCompareFormat, type DetectedCompareFormat } from './detect';
export * from './format-names';

/** Every task of the file, or a FormatProblem naming the first thing wrong in it: never a part of the file. */
export function readCompareFile(format: CompareReadFormat, text: string, fileName: string): CompareFile {
  const whole = (docs: CompareDoc[]): CompareFile => ({ fileName, docs, rubric: null, notes: [] });
  switch (format) {
    case 'responses':
      return whole(responses.read(text, fileName));
    case 'trl':
      return whole(trl.read(text, fileName));
    case 'openai-preference':
      return whole(openaiPreference.read(text, fileName));
    case 'labelstudio-pairwise':
      return labelstudioPairwise.read(text, fileName);
    case 'compare-jsonl':
      return compareJsonl.read(text, fileName);
  }
}

/** How a format's choices are made; each has a default. */
export interface CompareWriteOptions {
  /** KTO: which ratings make a response desirable where the preference says nothing. */
  kto?: KtoRule;
}

/** The whole file and what it had no place for; the rubric scales ratings (KTO) and travels in our own file. */
export function writeCompareFile(format: CompareWriteFormat, docs: readonly CompareDoc[], rubric: Rubric | null, options: CompareWriteOptions = {}): CompareWriteResult {
  switch (format) {
    case 'trl':
      return trl.write(docs);
    case 'openai-preference':
      return openaiPreference.write(docs);
    case 'kto':
      return kto.write(docs, rubric, options.kto);
    case 'sft':
      return sft.write(docs);
    case 'labelstudio-pairwise':
      return labelstudioPairwise.write(docs);
    case 'compare-jsonl':
      return compareJsonl.write(docs, rubric);
  }
}
