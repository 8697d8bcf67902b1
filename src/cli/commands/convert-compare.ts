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
import { ktoRuleFor, ktoRuleProblem, type KtoRule } from '../../lib/formats/compare/kto';
import type { Rubric } from '../../lib/domain/compare';
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
  /** --kto-rating and --kto-at-least as given. */
  kto?: { item: string | null; atLeast: string | undefined };
}

export async function convertCompare({ input, text, from, to, out, kto }: CompareConvertRequest, io: CliIo): Promise<void> {
  const format = from === null ? detect(input, text, io) : given(from);
  let file: CompareFile;
  try {
    file = readCompareFile(format, text, input);
  } catch (error) {
    if (error instanceof FormatProblem) throw new DataError(`${error.message} (read as ${format})`);
    throw error;
  }
  for (const note of file.notes) io.stderr(`${note}\n`);
  if (to !== 'kto' && kto !== undefined && (kto.item !== null || kto.atLeast !== undefined)) throw new UsageError(`convert: --kto-rating and --kto-at-least go with --to kto, not --to ${to}`);
  const rule = kto === undefined || (kto.item === null && kto.atLeast === undefined) ? undefined : ktoRule(kto, file.rubric, input);
  const result = writeCompareFile(to, file.docs, file.rubric, { kto: rule });
  await writeFileAtomically(out, [result.output]);
  io.stderr(`${writeSummary(result, COMPARE_WRITE_FORMATS[to].unit, out, to)}\n`);
}

/** The rule --kto-rating and --kto-at-least ask for, checked against the rubric the file carries. */
function ktoRule(flags: { item: string | null; atLeast: string | undefined }, rubric: Rubric | null, input: string): KtoRule {
  const atLeast = flags.atLeast === undefined ? undefined : Number(flags.atLeast);
  if (atLeast !== undefined && (flags.atLeast?.trim() === '' || !Number.isFinite(atLeast))) throw new UsageError(`convert: --kto-at-least expects a number, got "${flags.atLeast}"`);
  const rule = ktoRuleFor(rubric, flags.item, atLeast);
  const problem = ktoRuleProblem(rule, rubric);
  if (problem !== null) throw new DataError(`${input}: --kto-rating/--kto-at-least: ${problem}${rubric === null ? '; only our compare JSONL carries a rubric' : ''}`);
  return rule;
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
