// `fieldlabel agreement`: the agreement coefficients of any ratings table, for checking our numbers against other
// tools or published examples. One rating per row (unit, annotator, label); a blank label is a missing rating.
import { readFile } from 'node:fs/promises';
import { createDelimitedStream } from '../../lib/formats/delimited';
import { agreementFigures, type Rating } from '../../lib/sync/agreement';
import { figuresToJson } from '../../lib/sync/report-types';
import type { CommandSpec, ParsedArgs } from '../args';
import type { CliIo } from '../io';
import { DataError } from '../labelled-jsonl';
import type { Command } from './command';
import { asDataError } from './merge';

const COLUMNS = ['unit', 'annotator', 'label'] as const;

const spec: CommandSpec = {
  name: 'agreement',
  summary: 'Agreement coefficients (percent, Cohen, Light, Fleiss, Krippendorff, Gwet AC1) of a unit,annotator,label CSV.',
  positionals: [{ name: 'table.csv', description: 'CSV with columns unit, annotator, label; a blank label is a missing rating' }],
  flags: [],
};

export const agreementCommand: Command = { spec, run };

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const [file] = args.positionals as [string];
  const ratings = await readRatings(file);
  io.stdout(`${JSON.stringify(figuresToJson(agreementFigures(ratings)))}\n`);
}

async function readRatings(file: string): Promise<Rating[]> {
  const ratedOn = new Map<string, number>();
  const ratings: Rating[] = [];
  try {
    const stream = createDelimitedStream(file, ',');
    for (const item of [...stream.push(await readFile(file, 'utf8')), ...stream.end()]) {
      const where = `${file}, line ${item.line}`;
      if (item.kind === 'error') throw new DataError(`${where}: ${item.message}`);
      const missing = COLUMNS.find((column) => !Object.hasOwn(item.fields, column));
      if (missing !== undefined) throw new DataError(`${file}, line 1: no "${missing}" column; the header must name unit, annotator and label`);
      const [unit, annotator, label] = COLUMNS.map((column) => String(item.fields[column]).trim()) as [string, string, string];
      if (unit === '' || annotator === '') throw new DataError(`${where}: every row needs a unit and an annotator`);
      if (label === '') continue;
      const cell = JSON.stringify([unit, annotator]);
      const earlier = ratedOn.get(cell);
      if (earlier !== undefined) throw new DataError(`${where}: annotator "${annotator}" already rated unit "${unit}" on line ${earlier}`);
      ratedOn.set(cell, item.line);
      ratings.push({ unit, annotator, value: label });
    }
  } catch (error) {
    throw asDataError(error, file);
  }
  return ratings;
}
