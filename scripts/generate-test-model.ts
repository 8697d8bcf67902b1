// Writes a seeded, BERT-shaped model in the folder layout Transformers.js loads (config, tokenizer, fp32 and
// int8 ONNX), so tests and benchmarks run real inference without downloading weights. The token-classification
// variant tags a fixed word list (test-model/tag-cues.ts), so tests can expect exact spans.
//   npx tsx scripts/generate-test-model.ts --preset tiny|minilm --out <dir> [--seed 42]
//     [--head none|token-classification --labels O,B-PER,I-PER]
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildBertOnnx } from './test-model/bert-onnx';
import { PRESETS, buildConfigJson, isPresetName, type BertShape, type PresetName } from './test-model/presets';
import { applyTagCues, cueWordsFor } from './test-model/tag-cues';
import { buildTokenizerConfig, buildTokenizerJson } from './test-model/tokenizer-files';
import { buildVocab } from './test-model/vocab';
import { generateBertWeights } from './test-model/weights';

export type TestModelHead = 'none' | 'token-classification';

export interface GenerateTestModelOptions {
  preset: PresetName;
  outDir: string;
  seed?: number;
  head?: TestModelHead;
  /** Labels of the token-classification head, in id order. */
  labels?: string[];
}

export const DEFAULT_SEED = 42;
export const DEFAULT_TOKEN_LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'];

/** Returns the folder and the files written in it, as paths relative to that folder. */
export async function generateTestModel(options: GenerateTestModelOptions): Promise<{ dir: string; files: string[] }> {
  const preset = PRESETS[options.preset];
  const labels = options.head === 'token-classification' ? (options.labels ?? DEFAULT_TOKEN_LABELS) : undefined;
  if (labels && labels.length === 0) throw new Error('a token-classification head needs at least one label');
  const vocab = buildVocab(preset.vocabTarget, labels ? cueWordsFor(labels) : []);
  const shape: BertShape = {
    ...preset.shape,
    vocabSize: vocab.length,
    ...(labels ? { numLabels: labels.length } : {}),
  };
  const weights = generateBertWeights(shape, options.seed ?? DEFAULT_SEED);
  if (labels) applyTagCues(weights, shape, vocab, labels);

  const dir = resolve(options.outDir);
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const contents: [string, string | Uint8Array][] = [
    ['config.json', json(buildConfigJson(options.preset, shape, labels))],
    ['tokenizer.json', json(buildTokenizerJson(vocab))],
    ['tokenizer_config.json', json(buildTokenizerConfig(shape.maxPositions))],
    ['onnx/model.onnx', buildBertOnnx(shape, weights, false)],
    ['onnx/model_quantized.onnx', buildBertOnnx(shape, weights, true)],
  ];
  for (const [file, data] of contents) await writeFile(join(dir, file), data);
  return { dir, files: contents.map(([file]) => file) };
}

function json(value: object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function parseCli(argv: string[]): GenerateTestModelOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      preset: { type: 'string', default: 'tiny' },
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      head: { type: 'string', default: 'none' },
      labels: { type: 'string' },
    },
  });
  const { preset, out, seed, head, labels } = values;
  if (!isPresetName(preset)) throw new Error(`--preset must be tiny or minilm, not ${preset}`);
  if (!out) throw new Error('--out <dir> is required');
  if (!/^\d+$/.test(seed)) throw new Error(`--seed must be a non-negative integer, not ${seed}`);
  if (head !== 'none' && head !== 'token-classification') throw new Error(`--head must be none or token-classification`);
  if (labels && head !== 'token-classification') throw new Error('--labels needs --head token-classification');
  return {
    preset,
    outDir: out,
    seed: Number(seed),
    head,
    ...(labels ? { labels: labels.split(',').map((l) => l.trim()).filter((l) => l.length > 0) } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  try {
    const { dir, files } = await generateTestModel(parseCli(process.argv.slice(2)));
    console.log(`wrote ${files.join(', ')} to ${dir} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
