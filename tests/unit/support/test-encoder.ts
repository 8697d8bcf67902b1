// The generated test encoder loaded through the app's own loader for the tests of one file: Transformers.js pointed
// at the generated models (never the hub) before, and its settings restored after.
import { basename } from 'node:path';
import * as transformers from '@xenova/transformers';
import { afterAll, beforeAll } from 'vitest';
import type { ModelInfo } from '../../../src/lib/model/api';
import type { Encoder } from '../../../src/lib/model/encoder';
import { disposeModel, loadModel, type LoadedModel } from '../../../src/lib/model/model-loader';
import { TEST_MODELS_ROOT, testModelDir } from './test-model';

export interface TestEncoder {
  model: () => ModelInfo;
  loaded: () => LoadedModel;
  encoder: () => Encoder;
}

/** Call at the top of a test file (or describe block): loads `test-tiny` before its tests and disposes of it after. */
export function useTestEncoder(): TestEncoder {
  let model: ModelInfo | null = null;
  let loaded: LoadedModel | null = null;
  const savedEnv = { ...transformers.env };
  beforeAll(async () => {
    Object.assign(transformers.env, { localModelPath: TEST_MODELS_ROOT, allowRemoteModels: false, useFSCache: false });
    const id = basename(await testModelDir('test-tiny'));
    model = { id, name: 'fieldlabel/test-tiny', source: 'bundled', sizeBytes: 0, isTestModel: true, task: 'feature-extraction', entityTypes: [] };
    loaded = await loadModel(transformers, model);
  });
  afterAll(async () => {
    if (loaded) await disposeModel(loaded);
    Object.assign(transformers.env, savedEnv);
  });
  const loadedModel = (): LoadedModel => {
    if (!loaded) throw new Error('useTestEncoder: the model is loaded in beforeAll');
    return loaded;
  };
  return {
    model: () => model as ModelInfo,
    loaded: loadedModel,
    encoder: () => {
      const l = loadedModel();
      if (l.task !== 'feature-extraction') throw new Error('test-tiny is an encoder');
      return l.encoder;
    },
  };
}
