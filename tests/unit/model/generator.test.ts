// The test-model generator: reproducible bytes, the advertised sizes, and ONNX files onnxruntime 1.14 accepts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTestModel } from '../../../scripts/generate-test-model';
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
  });
});
