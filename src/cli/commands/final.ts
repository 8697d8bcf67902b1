// `fieldlabel final`: one label per task from label files — a review where there is one, else the majority, with
// ties marked — written as final.jsonl with the agreement figures in its header.
import { agreementReport } from '../../lib/sync/agreement-report';
import { finalLabels, writeFinalFile } from '../../lib/sync/final';
import type { FinalSource } from '../../lib/sync/report-types';
import type { CommandSpec, ParsedArgs } from '../args';
import type { CliIo } from '../io';
import type { Command } from './command';
import { formatCount, mergeLabelFiles, writeFileAtomically } from './merge';
import { TASK_TYPE_FLAG, taskTypeOf } from './stats';

const spec: CommandSpec = {
  name: 'final',
  summary: 'Decide one label per task from label files (review, else majority vote; ties marked) and write final.jsonl.',
  positionals: [{ name: 'files', description: 'label files (*.labels.jsonl) of one project', repeated: true }],
  flags: [
    { name: 'out', kind: 'string', short: 'o', valueName: 'final.jsonl', description: 'Where to write the final labels', required: true },
    TASK_TYPE_FLAG,
  ],
};

export const finalCommand: Command = { spec, run };

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const out = args.flags.get('out') as string;
  const merged = await mergeLabelFiles(args.positionals, io);
  const annotations = merged.annotations.sorted();
  const taskType = taskTypeOf(args, 'final', annotations);
  const rows = finalLabels(annotations, taskType);
  await writeFileAtomically(out, [writeFinalFile(merged.projectId, agreementReport(annotations, taskType), rows)]);
  const bySource = new Map<FinalSource, number>();
  for (const row of rows) bySource.set(row.source, (bySource.get(row.source) ?? 0) + 1);
  const parts = (['review', 'majority', 'single', 'tie'] as const).map((source) => `${formatCount(bySource.get(source) ?? 0)} ${source}`);
  io.stderr(`${formatCount(rows.length)} tasks (${parts.join(', ')}) → ${out}\n`);
}
