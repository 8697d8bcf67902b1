// What a model folder or .zip must hold, and which architectures fieldlabel can use.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkModelFiles, describeModelConfig, isIgnoredModelPath, stripWrapperFolder, unzipModel } from '../../../src/lib/model/model-files';

describe('checkModelFiles', () => {
  it('prefers the quantized ONNX file when both are present', () => {
    const paths = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];
    expect(checkModelFiles(paths)).toEqual({ ok: true, onnxFile: 'onnx/model_quantized.onnx', quantized: true });
  });

  it('accepts an fp32-only folder', () => {
    expect(checkModelFiles(['./config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])).toEqual({
      ok: true,
      onnxFile: 'onnx/model.onnx',
      quantized: false,
    });
  });

  it('names every missing file', () => {
    expect(checkModelFiles(['tokenizer.json', 'model.safetensors'])).toEqual({
      ok: false,
      message:
        'This model folder is missing config.json, tokenizer_config.json and an ONNX model ' +
        '(onnx/model_quantized.onnx or onnx/model.onnx).',
    });
  });
});

describe('describeModelConfig', () => {
  it('uses BERT-like encoders for feature extraction', () => {
    expect(describeModelConfig({ model_type: 'bert', architectures: ['BertModel'] })).toEqual({
      ok: true,
      modelType: 'bert',
      task: 'feature-extraction',
    });
    expect(describeModelConfig({ model_type: 'xlm-roberta' })).toMatchObject({ ok: true, task: 'feature-extraction' });
  });

  it('reads the labels of a token classifier in id order', () => {
    const config = { model_type: 'distilbert', architectures: ['DistilBertForTokenClassification'], id2label: { 1: 'B-PER', 0: 'O' } };
    expect(describeModelConfig(config)).toEqual({ ok: true, modelType: 'distilbert', task: 'token-classification', labels: ['O', 'B-PER'] });
    expect(describeModelConfig({ ...config, id2label: { 0: 'O', 2: 'B-PER' } })).toMatchObject({ ok: false });
  });

  it('explains why decoder and seq2seq models cannot be used', () => {
    expect(describeModelConfig({ model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] })).toEqual({
      ok: false,
      message: 'fieldlabel can use encoder models (BERT-like) for embeddings; gpt2 is a text-generation model.',
    });
    expect(describeModelConfig({ model_type: 't5' })).toMatchObject({ ok: false, message: expect.stringContaining('t5 is a sequence-to-sequence') });
    expect(describeModelConfig({ model_type: 'vit' })).toMatchObject({ ok: false, message: expect.stringContaining('cannot use model type vit') });
    expect(describeModelConfig('bert')).toMatchObject({ ok: false });
    expect(describeModelConfig({})).toMatchObject({ ok: false, message: expect.stringContaining('no model_type') });
  });
});

describe('unzipModel', () => {
  const file = (text: string) => strToU8(text);

  it('strips the single top folder and ignores macOS metadata', () => {
    const zip = zipSync({
      'all-MiniLM-L6-v2/config.json': file('{}'),
      'all-MiniLM-L6-v2/onnx/model_quantized.onnx': file('onnx'),
      '__MACOSX/all-MiniLM-L6-v2/._config.json': file('junk'),
      'all-MiniLM-L6-v2/.DS_Store': file('junk'),
    });
    const files = unzipModel(zip);
    expect([...files.keys()].sort()).toEqual(['config.json', 'onnx/model_quantized.onnx']);
    expect(new TextDecoder().decode(files.get('config.json'))).toBe('{}');
  });

  it('keeps paths of a zip made from inside the folder, including one holding only onnx/', () => {
    expect([...unzipModel(zipSync({ 'config.json': file('{}'), 'onnx/model.onnx': file('x') })).keys()].sort()).toEqual([
      'config.json',
      'onnx/model.onnx',
    ]);
    expect([...unzipModel(zipSync({ 'onnx/model.onnx': file('x') })).keys()]).toEqual(['onnx/model.onnx']);
  });

  it('rejects a file that is not a zip', () => {
    expect(() => unzipModel(file('{"model_type": "bert"}'))).toThrow('This file is not a .zip archive.');
    expect(() => unzipModel(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(/could not be read/);
  });
});

describe('picking a model folder', () => {
  it('strips the picked folder name and recognises OS litter', () => {
    const picked = new Map([['MiniLM/config.json', 1], ['MiniLM/onnx/model.onnx', 2]]);
    expect([...stripWrapperFolder(picked)]).toEqual([['config.json', 1], ['onnx/model.onnx', 2]]);
    expect(isIgnoredModelPath('MiniLM/.DS_Store')).toBe(true);
    expect(isIgnoredModelPath('__MACOSX/MiniLM/._config.json')).toBe(true);
    expect(isIgnoredModelPath('MiniLM/tokenizer.json')).toBe(false);
  });
});
