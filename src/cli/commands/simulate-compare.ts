// `fieldlabel simulate <prefs.jsonl> --task compare`: replays judging on a TRL preference file (prompt, chosen,
// rejected) and reports, per sampling strategy, how many judgements the reward model needed to pick the preferred
// response of held-out pairs (learn/reward/simulate-compare.ts). The output has simulate's JSON shape.
import { readFile, writeFile } from 'node:fs/promises';
import { hashedFeatures } from '../../lib/learn/features';
import { responseRow } from '../../lib/learn/reward/pair-rows';
import { simulateCompare, type PreferenceCorpus } from '../../lib/learn/reward/simulate-compare';
import type { SamplingStrategy } from '../../lib/learn/sampling';
import { UsageError, type FlagSpec, type ParsedArgs } from '../args';
import { embedTexts } from '../embed';
import type { CliIo } from '../io';
import { DataError } from '../labelled-jsonl';
import { readTrlPreferences, type PreferenceLine } from '../trl-preferences';

/** `--text` and `--label` are required unless this. */
export const COMPARE_TASK = { flag: 'task', value: 'compare' } as const;

export const TASK_FLAG: FlagSpec = {
  name: 'task',
  kind: 'string',
  valueName: 'classify|compare',
  description: 'What the file holds: labelled texts (classify), or TRL preference pairs with prompt, chosen, rejected (compare)',
  default: 'classify',
};

export function isCompareTask(args: ParsedArgs): boolean {
  const task = String(args.flags.get(TASK_FLAG.name));
  if (task !== 'classify' && task !== COMPARE_TASK.value) throw new UsageError(`simulate: --task expects classify or compare, got "${task}"`);
  return task === COMPARE_TASK.value;
}

export async function simulateCompareCommand(args: ParsedArgs, strategies: SamplingStrategy[], io: CliIo): Promise<void> {
  for (const name of ['text', 'label']) {
    if (args.flags.has(name)) throw new UsageError(`simulate: --${name} has no meaning with --task compare (a TRL file has prompt, chosen and rejected)`);
  }
  const [file] = args.positionals as [string];
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines = readTrlPreferences(file, content);
  io.stderr(`${file}: ${lines.length} preference pairs\n`);
  const corpus = await buildPreferenceCorpus(lines, args.flags.get('model') as string | undefined, io);
  const started = Date.now();
  const result = simulateCompare(corpus, {
    strategies,
    seeds: args.flags.get('seeds') as number,
    budget: args.flags.get('budget') as number,
    batch: args.flags.get('batch') as number,
    onProgress: ({ seed, strategy, labels, accuracy }) => {
      if (strategy === null) io.stderr(`seed ${seed}: full-pool accuracy ${accuracy.toFixed(4)} on ${labels} judgements\n`);
      else if (labels % 100 === 0) io.stderr(`seed ${seed} ${strategy}: ${labels} judgements, accuracy ${accuracy.toFixed(4)} [${((Date.now() - started) / 1000).toFixed(0)} s]\n`);
    },
  });
  const json = `${JSON.stringify(result)}\n`;
  const out = args.flags.get('out') as string | undefined;
  if (out === undefined) io.stdout(json);
  else {
    await writeFile(out, json);
    io.stderr(`written to ${out}\n`);
  }
}

async function buildPreferenceCorpus(lines: PreferenceLine[], modelDir: string | undefined, io: CliIo): Promise<PreferenceCorpus> {
  let embeddings: Float32Array[] | null = null;
  let denseDims = 0;
  if (modelDir !== undefined) {
    const texts = lines.flatMap((line) => [line.chosen, line.rejected]);
    const embedded = await embedTexts(modelDir, texts, (done) => io.stderr(`embedded ${done}/${texts.length}\n`));
    embeddings = embedded.vectors;
    denseDims = embedded.dims;
  }
  const chosen = lines.map((line, i) => responseRow(hashedFeatures(line.prompt), hashedFeatures(line.chosen), embeddings?.[2 * i] ?? null));
  const rejected = lines.map((line, i) => responseRow(hashedFeatures(line.prompt), hashedFeatures(line.rejected), embeddings?.[2 * i + 1] ?? null));
  return { chosen, rejected, denseDims };
}
