// What the embedding measurement needs before anything is timed: the MiniLM-sized generated model, a fixed set of
// texts (as a JSONL file the app imports, and as strings for Node), and a build of the app with that model bundled.
// Made once per run through Bench.shared; everything lands in the bench's scratch directory.
import { execSync } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTestModel } from '../../scripts/generate-test-model';
import { WORDS } from '../../scripts/test-model/words';
import { ROOT } from './app';
import type { Dataset } from './dataset';
import { createRng } from '../../src/lib/learn/random';
import type { Bench } from './types';

/** Folder name = model id in the app and for Transformers.js; the app shows config `_name_or_path`. */
export const EMBED_MODEL_ID = 'minilm';
export const EMBED_MODEL_NAME = 'fieldlabel/test-minilm';
export const EMBED_TEXT_COUNT = 512;
const TEXT_SEED = 20260512;

/**
 * 10–40 words per text, drawn from the words the generated tokenizer holds whole (a real MiniLM vocabulary holds
 * nearly every common English word whole too): ~28 tokens per text with [CLS], [SEP] and the full stop, near the
 * ~25-token sentences the speeds in FACTS.md were measured on. The 100k import file's words (battery, sensor…)
 * are mostly missing from the test vocabulary and split into 2–3 pieces each, which would double the tokens.
 */
export function embedTexts(count: number, seed: number): string[] {
  const random = createRng(seed);
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 10 + Math.floor(random() * 31) }, () => WORDS[Math.floor(random() * WORDS.length)] as string);
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  });
}

export interface EmbedSetup {
  /** Transformers.js' localModelPath for Node: the folder holding `<EMBED_MODEL_ID>/`. */
  modelsRoot: string;
  dataset: Dataset;
  texts: string[];
  /** A production build with the model under models/<id>/ and listed in models/index.json. */
  dist: string;
}

export function embedSetup(bench: Bench, log: (message: string) => void): Promise<EmbedSetup> {
  return bench.shared('embed-setup', async () => {
    const dir = join(bench.workDir, 'embed');
    const modelsRoot = join(dir, 'models');
    await mkdir(dir, { recursive: true });
    log('generating the MiniLM-sized test model');
    await generateTestModel({ preset: 'minilm', outDir: join(modelsRoot, EMBED_MODEL_ID), seed: 42 });
    // Both sides run the int8 file (quantized: true); the 90 MB fp32 one would only make the build copy it.
    await rm(join(modelsRoot, EMBED_MODEL_ID, 'onnx', 'model.onnx'));

    const texts = embedTexts(EMBED_TEXT_COUNT, TEXT_SEED);
    const fileName = `embed-${EMBED_TEXT_COUNT}.jsonl`;
    const path = join(dir, fileName);
    await writeFile(path, texts.map((text, i) => `${JSON.stringify({ id: `e${String(i).padStart(4, '0')}`, text })}\n`).join(''));
    const dataset: Dataset = { path, fileName, rows: texts.length, bytes: (await stat(path)).size };

    // A build of its own: the run's main build (and `npm start`'s dist/) must not offer a random-weight model.
    // FIELDLABEL_EXTRA_MODELS makes the build bundle `<root>/<id>/` exactly as public/models/<id>/ would be.
    if (process.env.BENCH_DIST) log('note: BENCH_DIST is set, but embed measures a build of the working tree (it needs the model bundled)');
    const dist = join(dir, 'dist');
    log('building the app with the model bundled (vite build)');
    execSync(`npx vite build --logLevel warn --outDir ${JSON.stringify(dist)} --emptyOutDir`, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, FIELDLABEL_EXTRA_MODELS: modelsRoot },
    });
    const index = JSON.parse(await readFile(join(dist, 'models', 'index.json'), 'utf8')) as { models: { id: string; name: string }[] };
    if (!index.models.some((m) => m.id === EMBED_MODEL_ID && m.name === EMBED_MODEL_NAME)) {
      throw new Error(`The embed build does not list ${EMBED_MODEL_ID} in models/index.json: ${JSON.stringify(index)}`);
    }
    return { modelsRoot, dataset, texts, dist };
  });
}
