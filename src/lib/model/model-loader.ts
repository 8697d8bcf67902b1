// Loads a model for what it does: an encoder for embeddings, or a span tagger for a token classifier. Shared by
// the worker and Node tests; the caller configures Transformers.js' env first.
import type { ModelInfo } from './api';
import { loadEncoder, type Encoder, type EncoderProgress } from './encoder';
import { loadSpanTagger, type SpanTagger } from './span-tagger';

type Transformers = typeof import('@xenova/transformers');

export type LoadedModel = { task: 'feature-extraction'; encoder: Encoder } | { task: 'token-classification'; tagger: SpanTagger };

export async function loadModel(
  transformers: Transformers,
  model: Pick<ModelInfo, 'id' | 'task'>,
  onProgress?: (progress: EncoderProgress) => void,
): Promise<LoadedModel> {
  const options = { quantized: true, ...(onProgress ? { onProgress } : {}) };
  if (model.task === 'token-classification') return { task: model.task, tagger: await loadSpanTagger(transformers, model.id, options) };
  return { task: model.task, encoder: await loadEncoder(transformers, model.id, options) };
}

export function disposeModel(loaded: LoadedModel): Promise<void> {
  return loaded.task === 'token-classification' ? loaded.tagger.dispose() : loaded.encoder.dispose();
}
