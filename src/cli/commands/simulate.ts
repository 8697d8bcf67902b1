// `fieldlabel simulate`: replays labelling on an already-labelled JSONL corpus and reports, per sampling strategy,
// how many labels it took to get within 95 % of the accuracy of a head trained on everything.
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { hashedFeatures } from '../../lib/learn/features';
import { SAMPLING_STRATEGIES, type SamplingStrategy } from '../../lib/learn/sampling';
import { simulateSeed, summarizeRuns, type SimulationCorpus, type SimulationProgress } from '../../lib/learn/simulate';
import type { FeatureRow } from '../../lib/learn/vectors';
import { UsageError, type CommandSpec, type ParsedArgs } from '../args';
import { embedTexts } from '../embed';
import type { CliIo } from '../io';
import { runInParallel } from '../parallel-simulate';
import { DataError, readLabelledJsonl, type LabelledCorpus } from '../labelled-jsonl';
import type { Command } from './command';
import { COMPARE_TASK, isCompareTask, simulateCompareCommand, TASK_FLAG } from './simulate-compare';

const spec: CommandSpec = {
  name: 'simulate',
  summary: 'Replay active learning on a labelled JSONL file and compare sampling strategies.',
  positionals: [{ name: 'file.jsonl', description: 'one JSON object per line, with a text and its label(s)' }],
  flags: [
    { name: 'text', kind: 'string', valueName: 'field', description: 'The JSONL field holding the text', required: true, requiredUnless: COMPARE_TASK },
    { name: 'label', kind: 'string', valueName: 'field', description: 'The JSONL field holding the label (a string, or an array for multi-label)', required: true, requiredUnless: COMPARE_TASK },
    { name: 'model', kind: 'string', valueName: 'model dir', description: 'Local Transformers.js model folder: adds its embeddings to the hashed features' },
    { name: 'strategies', kind: 'string', valueName: 'all|a,b', description: `Strategies to compare: all, or some of ${SAMPLING_STRATEGIES.join(', ')}`, default: 'all' },
    { name: 'seeds', kind: 'positive-int', valueName: 'n', description: 'Repetitions with different splits and starts; results are medians', default: 5 },
    { name: 'budget', kind: 'positive-int', valueName: 'labels', description: 'Labels to spend per run', default: 1000 },
    { name: 'batch', kind: 'positive-int', valueName: 'labels', description: 'Labels per round between retrainings', default: 10 },
    { name: 'jobs', kind: 'positive-int', valueName: 'n', description: 'Seeds run side by side on this many threads', default: Math.min(2, availableParallelism()) },
    { name: 'out', kind: 'string', valueName: 'result.json', description: 'Write the JSON here instead of to stdout' },
    TASK_FLAG,
  ],
};

export const simulateCommand: Command = { spec, run };

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const [file] = args.positionals as [string];
  const strategies = parseStrategies(String(args.flags.get('strategies')));
  if (isCompareTask(args)) return simulateCompareCommand(args, strategies, io);
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const data = readLabelledJsonl(file, content, String(args.flags.get('text')), String(args.flags.get('label')));
  io.stderr(`${file}: ${data.texts.length} texts, ${data.classNames.length} labels (${data.multiLabel ? 'multi-label' : 'single-label'})\n`);
  const corpus = await buildCorpus(data, args.flags.get('model') as string | undefined, io);

  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const options = {
    strategies,
    seeds: args.flags.get('seeds') as number,
    budget: args.flags.get('budget') as number,
    batch: args.flags.get('batch') as number,
  };
  const reported = new Set<number>();
  const onProgress = ({ seed, strategy, labels, accuracy }: SimulationProgress): void => {
    if (strategy !== null) {
      if (labels % 100 === 0) io.stderr(`seed ${seed} ${strategy}: ${labels} labels, accuracy ${accuracy.toFixed(4)} [${elapsed()}]\n`);
    } else if (!reported.has(seed)) {
      // Each worker thread makes its own copy of a seed's full-pool head: say it once.
      reported.add(seed);
      io.stderr(`seed ${seed}: full-pool accuracy ${accuracy.toFixed(4)} on ${labels} labels [${elapsed()}]\n`);
    }
  };
  const jobs = args.flags.get('jobs') as number;
  const runs =
    jobs > 1 && options.seeds * strategies.length > 1
      ? await runInParallel(corpus, options, jobs, onProgress)
      : Array.from({ length: options.seeds }, (_, i) => simulateSeed(corpus, i + 1, { ...options, onProgress }));
  const result = summarizeRuns(runs, strategies);
  const json = `${JSON.stringify(result)}\n`;
  const out = args.flags.get('out') as string | undefined;
  if (out === undefined) io.stdout(json);
  else {
    await writeFile(out, json);
    io.stderr(`written to ${out} [${elapsed()}]\n`);
  }
}

function parseStrategies(value: string): SamplingStrategy[] {
  if (value === 'all') return [...SAMPLING_STRATEGIES];
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((name) => !(SAMPLING_STRATEGIES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`simulate: --strategies expects "all" or a comma-separated list of ${SAMPLING_STRATEGIES.join(', ')}; got "${unknown[0] ?? value}"`);
  }
  return [...new Set(names)] as SamplingStrategy[];
}

async function buildCorpus(data: LabelledCorpus, modelDir: string | undefined, io: CliIo): Promise<SimulationCorpus> {
  const classOf = new Map(data.classNames.map((name, c) => [name, c]));
  const rows: FeatureRow[] = data.texts.map((text) => ({ sparse: hashedFeatures(text), dense: null }));
  let denseDims = 0;
  if (modelDir !== undefined) {
    const embedded = await embedTexts(modelDir, data.texts, (done) => io.stderr(`embedded ${done}/${data.texts.length}\n`));
    denseDims = embedded.dims;
    embedded.vectors.forEach((vector, i) => ((rows[i] as FeatureRow).dense = vector));
  }
  return {
    rows,
    labels: data.labels.map((names) => names.map((name) => classOf.get(name) as number)),
    classes: data.classNames.length,
    mode: data.multiLabel ? 'multi' : 'single',
    denseDims,
  };
}
