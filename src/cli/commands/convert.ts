// `fieldlabel convert`: one labelled-text file from one tool's format into another's, through the same readers and
// writers the app imports and exports with, so whole folders of old annotations can move without the browser. The
// file is read whole and checked before anything is written: a bad record stops the command with its file, line
// and field, and no output appears.
import { readFile } from 'node:fs/promises';
import { parseLabelIds } from '../../lib/formats/spans/doccano';
import { FormatProblem, SpanWriteError, type LabelledDoc } from '../../lib/formats/spans/document';
import { hfTagNames, hfWritesTokens } from '../../lib/formats/spans/hf';
import {
  detectLabelledFormat,
  FORMAT_HOLDS,
  isLabelFormat,
  LABEL_FORMATS,
  readLabelledFile,
  readNotes,
  writeLabelled,
  type LabelFormat,
  type LabelledFile,
  type ReadOptions,
} from '../../lib/formats/spans/registry';
import { UsageError, type CommandSpec, type ParsedArgs } from '../args';
import type { CliIo } from '../io';
import { DataError } from '../labelled-jsonl';
import { isCompareWriteFormat } from '../../lib/formats/compare/format-names';
import type { Command } from './command';
import { COMPARE_READ_NAMES, COMPARE_WRITE_NAMES, convertCompare } from './convert-compare';
import { asDataError, formatCount, writeFileAtomically } from './merge';

const NAMES = Object.keys(LABEL_FORMATS).join(', ');

const spec: CommandSpec = {
  name: 'convert',
  summary: `Convert labelled text between Label Studio, Prodigy, doccano, CoNLL, Hugging Face and fieldlabel files, and compared responses into training files (--to ${COMPARE_WRITE_NAMES}).`,
  positionals: [{ name: 'in', description: 'the file to convert' }],
  flags: [
    {
      name: 'from',
      kind: 'string',
      valueName: 'format',
      description: `Format of <in> (${NAMES}; compared responses: ${COMPARE_READ_NAMES}); by default told from its content`,
    },
    { name: 'to', kind: 'string', valueName: 'format', description: 'Format to write', required: true },
    { name: 'out', kind: 'string', short: 'o', valueName: 'file', description: 'Where to write', required: true },
    {
      name: 'labels',
      kind: 'string',
      valueName: 'a,b,c',
      description: 'hf: the dataset label list that tag and label indices refer to; doccano before 1.0: the label ids, as 1=PER,2=ORG',
    },
    { name: 'text-field', kind: 'string', valueName: 'name', description: 'labelstudio, labelstudio-min, jsonl, csv: the field holding the text' },
    { name: 'from-name', kind: 'string', valueName: 'name', description: 'labelstudio-min: the field holding the results (default: "label", else the only field that can)' },
    {
      name: 'kto-rating',
      kind: 'string',
      valueName: 'item',
      description: 'kto: the rating item whose value makes a tied or unpreferred response label true (default: the mean of every item\'s share of its scale)',
    },
    { name: 'kto-at-least', kind: 'string', valueName: 'n', description: 'kto: label true from this value of --kto-rating (default: the upper half of its scale), or this mean share (default 0.5)' },
  ],
};

export const convertCommand: Command = { spec, run };

/** A fieldlabel task export carries no other tool's marks, so its extension is what names it. */
const TASK_EXPORT_BY_EXTENSION: Record<string, LabelFormat> = { jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv' };

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const input = args.positionals[0] as string;
  const out = args.flags.get('out') as string;
  const toName = args.flags.get('to') as string;
  if (isCompareWriteFormat(toName)) {
    const from = (args.flags.get('from') as string | undefined) ?? null;
    const kto = { item: (args.flags.get('kto-rating') as string | undefined) ?? null, atLeast: args.flags.get('kto-at-least') as string | undefined };
    return convertCompare({ input, text: await readInputText(input), from, to: toName, out, kto }, io);
  }
  const to = formatFlag(args, 'to');
  const given = args.flags.has('from') ? formatFlag(args, 'from') : null;
  const { labelNames, labelIds } = labelList(args.flags.get('labels') as string | undefined);
  const options: ReadOptions = {
    labelNames,
    labelIds,
    textField: args.flags.get('text-field') as string | undefined,
    fromName: args.flags.get('from-name') as string | undefined,
  };

  const text = await readInputText(input);
  const from = given ?? detectFormat(input, text, io);
  const file = readInput(from, text, input, options);
  const { docs } = file;
  for (const note of readNotes(file)) io.stderr(`${note}\n`);

  const writeOptions = { labelNames, now: Date.now() };
  if (to === 'hf' && labelNames === undefined && hfWritesTokens(docs)) {
    writeOptions.labelNames = hfTagNames(docs);
    io.stderr(`label list of the ner_tags written (give it as --labels to read them again): ${writeOptions.labelNames.join(',')}\n`);
  }
  let output: string;
  try {
    output = writeLabelled(to, docs, writeOptions);
  } catch (error) {
    if (error instanceof SpanWriteError) throw new DataError(`${input} cannot be written as ${to}: ${error.message}`);
    throw error;
  }
  await writeFileAtomically(out, [output]);
  io.stderr(summary(docs, to, out));
}

async function readInputText(input: string): Promise<string> {
  try {
    return await readFile(input, 'utf8');
  } catch (error) {
    throw asDataError(error, input);
  }
}

function formatFlag(args: ParsedArgs, flag: 'from' | 'to'): LabelFormat {
  const name = args.flags.get(flag) as string;
  const compare = flag === 'to' ? COMPARE_WRITE_NAMES : COMPARE_READ_NAMES;
  if (!isLabelFormat(name)) throw new UsageError(`convert: --${flag} "${name}" is not a format; formats: ${NAMES}; compared responses: ${compare}`);
  return name;
}

/** --labels: names in index order (Hugging Face), or id=name pairs (doccano's label ids). */
function labelList(value: string | undefined): Pick<ReadOptions, 'labelNames' | 'labelIds'> {
  if (value === undefined) return {};
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError(`convert: --labels expects names separated by commas, got "${value}"`);
  if (!names.some((name) => name.includes('='))) return { labelNames: names };
  const labelIds = parseLabelIds(names);
  if (labelIds === null) throw new UsageError(`convert: --labels expects names, or label ids as id=name (1=PER,2=ORG), not both: got "${value}"`);
  return { labelIds };
}

function detectFormat(input: string, text: string, io: CliIo): LabelFormat {
  const detected = detectLabelledFormat(input, text);
  if (detected !== null) {
    io.stderr(`${input}: ${detected.reason}; reading it as ${detected.format} (name another with --from)\n`);
    return detected.format;
  }
  const byExtension = TASK_EXPORT_BY_EXTENSION[input.slice(input.lastIndexOf('.') + 1).toLowerCase()];
  if (byExtension !== undefined) {
    io.stderr(`${input}: no other tool's marks; reading it as ${byExtension}, a fieldlabel task export (name another with --from)\n`);
    return byExtension;
  }
  throw new DataError(`${input}: cannot tell its format from its content; name it with --from (${NAMES})`);
}

function readInput(from: LabelFormat, text: string, input: string, options: ReadOptions): LabelledFile {
  try {
    return readLabelledFile(from, text, input, options);
  } catch (error) {
    if (error instanceof FormatProblem) throw new DataError(`${error.message} (read as ${from})`);
    throw error;
  }
}

/** What was written, and what the target format had no room for. */
function summary(docs: readonly LabelledDoc[], to: LabelFormat, out: string): string {
  const annotations = docs.flatMap((doc) => doc.annotations);
  const predictions = docs.reduce((sum, doc) => sum + doc.predictions.length, 0);
  const skipped = annotations.filter((annotation) => annotation.status === 'skipped').length;
  const read = [count(docs.length, 'document'), count(annotations.length, 'annotation'), count(predictions, 'prediction')];
  const lines = [`${read.join(', ')} → ${out} (${to})`];
  if (predictions > 0 && !FORMAT_HOLDS[to].predictions) lines.push(`${to} has no place for predictions: ${formatCount(predictions)} left out`);
  if (skipped > 0 && !FORMAT_HOLDS[to].skipped) lines.push(`${to} has no place for skipped annotations: ${formatCount(skipped)} left out`);
  return lines.map((line) => `${line}\n`).join('');
}

function count(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
