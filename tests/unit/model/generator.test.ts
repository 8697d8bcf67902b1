// The test-model generator: reproducible bytes, the advertised sizes, ONNX files onnxruntime 1.14 accepts, and a
// token classifier whose tags are known in advance.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as transformers from '@xenova/transformers';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_LABELS, generateTestModel } from '../../../scripts/generate-test-model';
import { checkOnnxSupported, readOnnxHeader } from '../../../src/lib/model/onnx-header';
import { checkModelFiles, describeModelConfig } from '../../../src/lib/model/model-files';

const scratchDirs: string[] = [];

async function generate(seed: number, extra: { head?: 'token-classification'; labels?: string[] } = {}) {
  const outDir = await mkdtemp(join(tmpdir(), 'fieldlabel-generator-'));
  scratchDirs.push(outDir);
  return generateTestModel({ preset: 'tiny', outDir, seed, ...extra });
}

async function readAll(dir: string, files: string[]): Promise<Map<string, Buffer>> {
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('generateTestModel', () => {
  it('writes byte-identical files for the same seed and different weights for another seed', async () => {
    const first = await generate(7);
    const again = await generate(7);
    const other = await generate(8);
    const [a, b, c] = await Promise.all([first, again, other].map((m) => readAll(m.dir, m.files)));
    for (const file of first.files) expect(b?.get(file)?.equals(a?.get(file) as Buffer), file).toBe(true);
    expect(c?.get('onnx/model.onnx')?.equals(a?.get('onnx/model.onnx') as Buffer)).toBe(false);
    expect(c?.get('onnx/model_quantized.onnx')?.equals(a?.get('onnx/model_quantized.onnx') as Buffer)).toBe(false);
    // The vocabulary does not depend on the seed.
    expect(c?.get('tokenizer.json')?.equals(a?.get('tokenizer.json') as Buffer)).toBe(true);
  });

  it('makes the tiny preset a complete, small BERT model folder', async () => {
    const started = performance.now();
    const { dir, files } = await generate(42);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(checkModelFiles(files)).toEqual({ ok: true, onnxFile: 'onnx/model_quantized.onnx', quantized: true });

    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, number | string[]>;
    expect(config).toMatchObject({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: 32,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      intermediate_size: 64,
      max_position_embeddings: 128,
      type_vocab_size: 2,
    });
    expect(config['vocab_size']).toBeGreaterThanOrEqual(1000);
    expect(config['vocab_size']).toBeLessThanOrEqual(2000);
    const tokenizer = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')) as { model: { vocab: object } };
    expect(Object.keys(tokenizer.model.vocab)).toHaveLength(config['vocab_size'] as number);

    const fp32 = await readFile(join(dir, 'onnx/model.onnx'));
    const int8 = await readFile(join(dir, 'onnx/model_quantized.onnx'));
    // ~100k parameters: ~400 kB as fp32, and the int8 file about a third of that.
    expect(fp32.length).toBeGreaterThan(150_000);
    expect(fp32.length).toBeLessThan(500_000);
    expect(int8.length).toBeLessThan(fp32.length / 2);
  });

  it('writes ONNX IR 8 / opset 17, which the bundled onnxruntime reads', async () => {
    const { dir } = await generate(42);
    for (const file of ['onnx/model.onnx', 'onnx/model_quantized.onnx']) {
      const header = readOnnxHeader(await readFile(join(dir, file)));
      expect(header).toEqual({ irVersion: 8, opsets: [{ domain: '', version: 17 }], producer: 'fieldlabel-test-model' });
      expect(checkOnnxSupported(header)).toBeNull();
    }
  });

  it('adds a token-classification head with its labels in config.json', async () => {
    const labels = ['O', 'B-PER', 'I-PER'];
    const { dir } = await generate(42, { head: 'token-classification', labels });
    const config: unknown = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      architectures: ['BertForTokenClassification'],
      id2label: { '0': 'O', '1': 'B-PER', '2': 'I-PER' },
      label2id: { O: 0, 'B-PER': 1, 'I-PER': 2 },
    });
    expect(describeModelConfig(config)).toEqual({ ok: true, modelType: 'bert', task: 'token-classification', labels });
    // Offered beside the plain test model, so it must not share its name.
    expect(config).toMatchObject({ _name_or_path: 'fieldlabel/test-ner-tiny', fieldlabel_test_model: true });
  });

  it('adds the cue words of the chosen labels to the vocabulary, and leaves the plain model untouched', async () => {
    const vocabOf = async (dir: string) =>
      Object.keys((JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')) as { model: { vocab: object } }).model.vocab);
    const plain = await vocabOf((await generate(42)).dir);
    const perOnly = await vocabOf((await generate(42, { head: 'token-classification', labels: ['O', 'B-PER', 'I-PER'] })).dir);
    expect(plain).not.toContain('lovelace');
    expect(perOnly).toEqual(expect.arrayContaining(['ada', 'jose', 'lovelace']));
    expect(perOnly).not.toContain('paris');
    expect(perOnly.slice(0, 300)).toEqual(plain.slice(0, 300));
  });

  it('refuses more labels than the hidden state has room for', async () => {
    const labels = ['O', ...Array.from({ length: 30 }, (_, i) => `B-T${i}`)];
    await expect(generate(42, { head: 'token-classification', labels })).rejects.toThrow(/too few of 32 hidden channels/);
  });

  it.each([true, false])('makes a token classifier that tags its cue words and nothing else (quantized: %s)', async (quantized) => {
    const { dir } = await generate(42, { head: 'token-classification' });
    const { env } = transformers;
    const saved = { localModelPath: env.localModelPath, useFSCache: env.useFSCache, allowRemoteModels: env.allowRemoteModels };
    Object.assign(env, { localModelPath: `${dirname(dir)}/`, useFSCache: false, allowRemoteModels: false });
    try {
      const tokenizer = await transformers.AutoTokenizer.from_pretrained(basename(dir));
      const model = await transformers.AutoModelForTokenClassification.from_pretrained(basename(dir), { quantized });
      const inputs = tokenizer('ada lovelace wrote to unesco in paris about the acme labs report');
      const tokens = tokenizer.model.convert_ids_to_tokens(Array.from(inputs.input_ids.data as BigInt64Array, Number));
      const { logits } = (await model(inputs)) as { logits: transformers.Tensor };
      const classes = logits.dims[2] as number;
      const data = logits.data as Float32Array;
      const tags = tokens.map((_, t) => {
        const row = Array.from(data.subarray(t * classes, (t + 1) * classes));
        return DEFAULT_TOKEN_LABELS[row.indexOf(Math.max(...row))];
      });
      expect(tokens.map((token, t) => `${token}/${tags[t]}`).join(' ')).toBe(
        '[CLS]/O ada/B-PER lovelace/I-PER w/O ##ro/O ##te/O to/O unesco/B-ORG in/O paris/B-LOC about/O the/O ' +
          'acme/B-ORG labs/I-ORG report/O [SEP]/O',
      );
      await model.dispose();
    } finally {
      Object.assign(env, saved);
    }
  });
});
