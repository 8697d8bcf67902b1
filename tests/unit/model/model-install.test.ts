// Checking a picked model folder before it is stored: both kinds of model are accepted and told apart.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelRowFor, validateModelFiles } from '../../../src/lib/model/model-install';
import { modelKind } from '../../../src/lib/model/model-registry';
import { testModelDir, type TestModelId } from '../support/test-model';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

async function pickedFolder(modelId: TestModelId): Promise<Map<string, Uint8Array>> {
  const dir = await testModelDir(modelId);
  return new Map(await Promise.all(FILES.map(async (file) => [file, new Uint8Array(await readFile(join(dir, file)))] as const)));
}

describe('validateModelFiles', () => {
  it('accepts a token-classification folder and says what it tags', async () => {
    const validated = validateModelFiles(await pickedFolder('test-tiny-ner'), 'ner.zip');
    expect(validated).toMatchObject({ quantized: true, isTestModel: true, kind: { task: 'token-classification', entityTypes: ['PER', 'ORG', 'LOC'] } });
    expect(modelRowFor('imported-1', 'ner', validated, 5)).toMatchObject({ origin: 'test:ner', quantized: true, addedAt: 5 });
  });

  it('accepts an encoder folder as feature extraction', async () => {
    expect(validateModelFiles(await pickedFolder('test-tiny'), 'tiny').kind).toEqual({ task: 'feature-extraction', entityTypes: [] });
  });

  it('refuses a token classifier without id2label, with the reason', async () => {
    const files = await pickedFolder('test-tiny-ner');
    const config = JSON.parse(new TextDecoder().decode(files.get('config.json'))) as Record<string, unknown>;
    delete config['id2label'];
    files.set('config.json', new TextEncoder().encode(JSON.stringify(config)));
    expect(() => validateModelFiles(files, 'ner')).toThrow('ner: BertForTokenClassification needs id2label in config.json');
  });
});

describe('modelKind', () => {
  it('takes a config it cannot read for an encoder, as models were before span tagging', () => {
    expect(modelKind(null)).toEqual({ task: 'feature-extraction', entityTypes: [] });
    expect(modelKind({ model_type: 'bert', architectures: ['BertForTokenClassification'], id2label: { 0: 'O', 1: 'B-DRUG', 2: 'I-DRUG' } })).toEqual({
      task: 'token-classification',
      entityTypes: ['DRUG'],
    });
  });
});
