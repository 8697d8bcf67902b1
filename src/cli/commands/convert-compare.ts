// `fieldlabel convert --to trl|openai-preference|kto|sft|compare-jsonl`: a compare-responses file (TRL, OpenAI,
// Label Studio pairwise, a JSONL of responses, our own compare JSONL) into a training file, through the same readers
// and writers the app uses. Read whole and checked first: a bad record stops it with file, line and field, and no
// output appears. What the target has no place for (ties, both bad, skips) is counted on stderr.
import { FormatProblem } from '../../lib/formats/spans/document';
import {
  COMPARE_READ_FORMATS,
  COMPARE_WRITE_FORMATS,
  detectCompareFormat,
  isCompareReadFormat,
  readCompareFile,
  writeCompareFile,
  type CompareReadFormat,
  type CompareWriteFormat,
} from '../../lib/formats/compare/registry';
import { writeSummary } from '../../lib/formats/compare/pairs';
import type { CompareFile } from '../../lib/formats/compare/compare-doc';
import { UsageError } from '../args';
import type { CliIo } from '../io';
import { DataError } from '../labelled-jsonl';
import { writeFileAtomically } from './merge';

export const COMPARE_READ_NAMES = Object.keys(COMPARE_READ_FORMATS).join(', ');
export const COMPARE_WRITE_NAMES = Object.keys(COMPARE_WRITE_FORMATS).join(', ');

export interface CompareConvertRequest {
  input: string;
  text: string;
  from: string | null;
  to: CompareWriteFormat;
  out: string;
}

export async function convertCompare({ input, text, from, to, out }: CompareConvertRequest, io: CliIo): Promise<void> {
  const format = from === null ? detect(input, text, io) : given(from);
  let file: CompareFile;
  try {
    file = readCompareFile(format, text, input);
  } catch (error) {
    if (error instanceof FormatProblem) throw new DataError(`${error.message} (read as ${format})`);
    throw error;
  }
  for (const note of file.notes) io.stderr(`${note}\n`);
  const result = writeCompareFile(to, file.docs, file.rubric);
  await writeFileAtomically(out, [result.output]);
  io.stderr(`${writeSummary(result, COMPARE_WRITE_FORMATS[to].unit, out, to)}\n`);
}

function given(from: string): CompareReadFormat {
  if (!isCompareReadFormat(from)) throw new UsageError(`convert: --from "${from}" is not a compare format; compare formats: ${COMPARE_READ_NAMES}`);
  return from;
}

function detect(input: string, text: string, io: CliIo): CompareReadFormat {
  const detected = detectCompareFormat(input, text);
  if (detected === null) throw new DataError(`${input}: cannot tell its compare format from its content; name it with --from (${COMPARE_READ_NAMES})`);
  io.stderr(`${input}: ${detected.reason}; reading it as ${detected.format} (name another with --from)\n`);
  return detected.format;
}
