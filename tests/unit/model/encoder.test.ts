// Real Transformers.js + onnxruntime-node on a generated tiny BERT: the embedding path the app's worker uses,
// loaded from a folder, from a .zip through a custom cache, and with a token-classification head.
import * as transformers from '@xenova/transformers';
import { zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEncoder, type EncoderProgress } from '../../../src/lib/model/encoder';
import { unzipModel } from '../../../src/lib/model/model-files';
import { TEST_MODELS_ROOT, TEST_NER_LABELS, testModelDir } from '../support/test-model';

const { env } = transformers;
const HIDDEN_SIZE = 32;
const SENTENCES = [
  'the package arrived broken and late',
  'great quality, fast delivery',
  'please send the refund to my account',
  'urgent: click the link to win a free prize',
  'meeting moved to tomorrow morning',
  'hello',
  'the weather today is cold with rain and snow, so the game will be played next week instead of this one',
];

// env is module-global: every test starts from the local-folder setup and gets the original settings back.
const ENV_KEYS = ['localModelPath', 'allowLocalModels', 'allowRemoteModels', 'useBrowserCache', 'useFSCache', 'useCustomCache', 'customCache'] as const;
let savedEnv: Partial<typeof env>;
beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, env[key]]));
  Object.assign(env, { localModelPath: TEST_MODELS_ROOT, allowLocalModels: true, allowRemoteModels: false, useBrowserCache: false, useFSCache: false });
});
afterEach(() => {
  Object.assign(env, savedEnv);
});

let modelId: string;
beforeAll(async () => {
  modelId = basename(await testModelDir('test-tiny'));
});

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
}

function expectClose(actual: Float32Array | undefined, expected: Float32Array | undefined, tolerance = 1e-4): void {
  expect(actual).toBeDefined();
  const diff = Math.max(...Array.from(actual as Float32Array, (v, i) => Math.abs(v - ((expected as Float32Array)[i] as number))));
  expect(diff).toBeLessThan(tolerance);
}

describe.each([true, false])('loadEncoder (quantized: %s)', (quantized) => {
  it('embeds every text as a unit vector of the hidden size, the same every time', async () => {
    const encoder = await loadEncoder(transformers, modelId, { quantized });
    expect(encoder.dims).toBe(HIDDEN_SIZE);
    const vectors = await encoder.embed(SENTENCES);
    expect(vectors).toHaveLength(SENTENCES.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(HIDDEN_SIZE);
      expect(Math.abs(norm(vector) - 1)).toBeLessThan(1e-4);
    }
    const again = await encoder.embed(SENTENCES);
    again.forEach((vector, i) => expect(Array.from(vector)).toEqual(Array.from(vectors[i] as Float32Array)));
    expect(await encoder.embed([])).toEqual([]);
    await encoder.dispose();
  });

  it('gives each text the same vector whatever batch it is in and wherever it is', async () => {
    // fp32 is exact. int8 models quantize activations with one scale per tensor (DynamicQuantizeLinear), and that
    // scale depends on the whole batch, so batch-mates move a vector by ~2e-4: inherent, as in published models.
    const tolerance = quantized ? 1e-3 : 1e-4;
    const encoder = await loadEncoder(transformers, modelId, { quantized });
    const together = await encoder.embed(SENTENCES, 32);
    const alone = await Promise.all(SENTENCES.map(async (text) => (await encoder.embed([text]))[0]));
    const reversed = (await encoder.embed([...SENTENCES].reverse(), 3)).reverse();
    SENTENCES.forEach((_, i) => {
      expectClose(alone[i], together[i], tolerance);
      expectClose(reversed[i], together[i], tolerance);
    });
    // A short text padded next to a long one, or sharing a batch of 2: same vector.
    const [, shortBesideLong] = await encoder.embed([SENTENCES[6] as string, 'hello', 'x'], 2);
    expectClose(shortBesideLong, together[5], tolerance);
    await encoder.dispose();
  });
});

describe('loadEncoder', () => {
  it('truncates to maxTokens, keeping the closing [SEP]', async () => {
    const encoder = await loadEncoder(transformers, modelId, { quantized: true, maxTokens: 8 });
    const shared = 'one two three four five six seven eight nine';
    const [a, b, c] = await encoder.embed([shared, `${shared} ten eleven`, 'one two three four five six']);
    expectClose(a, b, 1e-6);
    // 'one two three four five six' is exactly 8 tokens with [CLS] and [SEP]: the same as the truncated texts.
    expectClose(c, a, 1e-6);
    await encoder.dispose();
  });

  it('reports file progress while loading', async () => {
    const events: EncoderProgress[] = [];
    const encoder = await loadEncoder(transformers, modelId, { quantized: true, onProgress: (p) => events.push(p) });
    const done = events.filter((e) => e.status === 'done').map((e) => e.file);
    expect(done).toEqual(expect.arrayContaining(['tokenizer.json', 'tokenizer_config.json', 'config.json', 'onnx/model_quantized.onnx']));
    const onnxDone = events.find((e) => e.status === 'done' && e.file === 'onnx/model_quantized.onnx');
    expect(onnxDone?.total).toBeGreaterThan(0);
    expect(onnxDone?.loaded).toBe(onnxDone?.total);
    await encoder.dispose();
  });

  it('loads a model imported as a .zip through a custom cache, with no model folder on disk', async () => {
    const dir = await testModelDir('test-tiny');
    const names = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];
    const zip = zipSync(Object.fromEntries(await Promise.all(names.map(async (n) => [`my-model/${n}`, await readFile(join(dir, n))]))));
    const importedRoot = '/fieldlabel-imported-models-that-do-not-exist/';
    const cached = new Map([...unzipModel(zip)].map(([path, bytes]) => [`${importedRoot}imported-tiny/${path}`, bytes]));
    const requested: string[] = [];
    Object.assign(env, {
      localModelPath: importedRoot,
      useCustomCache: true,
      customCache: {
        match: async (key: string) => {
          requested.push(key);
          const bytes = cached.get(key);
          return bytes && new Response(bytes, { headers: { 'content-length': String(bytes.length) } });
        },
        put: async () => {},
      },
    });
    const fromZip = await loadEncoder(transformers, 'imported-tiny', { quantized: true, onProgress: () => {} });
    expect(requested).toContain(`${importedRoot}imported-tiny/onnx/model_quantized.onnx`);

    Object.assign(env, { localModelPath: TEST_MODELS_ROOT, useCustomCache: false });
    const fromFolder = await loadEncoder(transformers, modelId, { quantized: true });
    const [zipVectors, folderVectors] = await Promise.all([fromZip.embed(SENTENCES), fromFolder.embed(SENTENCES)]);
    SENTENCES.forEach((_, i) => expectClose(zipVectors[i], folderVectors[i], 1e-6));
    await Promise.all([fromZip.dispose(), fromFolder.dispose()]);
  });

  it('refuses, with a reason, a model whose ONNX file has no hidden states to pool', async () => {
    const nerId = basename(await testModelDir('test-tiny-ner'));
    await expect(loadEncoder(transformers, nerId, { quantized: true })).rejects.toThrow(
      /no float last_hidden_state output \(it has logits\)/,
    );
  });

  it('runs the token-classification head variant', async () => {
    const nerId = basename(await testModelDir('test-tiny-ner'));
    const tokenizer = await transformers.AutoTokenizer.from_pretrained(nerId);
    const model = await transformers.AutoModelForTokenClassification.from_pretrained(nerId, { quantized: true });
    const inputs = tokenizer('alice went to the office in paris');
    const seqLength = (inputs.input_ids as transformers.Tensor).dims[1];
    const { logits } = (await model(inputs)) as { logits: transformers.Tensor };
    expect(logits.dims).toEqual([1, seqLength, TEST_NER_LABELS.length]);
    expect(model.config.id2label).toEqual(Object.fromEntries(TEST_NER_LABELS.map((label, id) => [String(id), label])));
    await model.dispose();
  });
});
