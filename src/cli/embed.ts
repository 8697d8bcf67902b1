// `--model <dir>`: sentence embeddings in Node with the app's own encoder (src/lib/model/encoder.ts), read from a
// local model folder only. Transformers.js is imported here, lazily, so commands that never embed do not load
// onnxruntime at all.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadEncoder } from '../lib/model/encoder';
import { DataError } from './labelled-jsonl';

/** Embeds `texts` with the model in `modelDir` (layout: config.json, tokenizer files, onnx/model[_quantized].onnx). */
export async function embedTexts(
  modelDir: string,
  texts: string[],
  onProgress: (done: number) => void,
): Promise<{ dims: number; vectors: Float32Array[] }> {
  const dir = resolve(modelDir);
  const quantized = existsSync(join(dir, 'onnx', 'model_quantized.onnx'));
  if (!quantized && !existsSync(join(dir, 'onnx', 'model.onnx'))) {
    throw new DataError(`--model ${modelDir}: no onnx/model_quantized.onnx or onnx/model.onnx in that folder`);
  }
  const transformers = await import('@xenova/transformers');
  // Transformers.js resolves a model id against localModelPath: the folder's parent, with its name as the id.
  transformers.env.localModelPath = `${dirname(dir)}/`;
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.useBrowserCache = false;
  const encoder = await loadEncoder(transformers, basename(dir), { quantized });
  try {
    const vectors: Float32Array[] = [];
    const chunk = 256;
    for (let start = 0; start < texts.length; start += chunk) {
      vectors.push(...(await encoder.embed(texts.slice(start, start + chunk))));
      onProgress(vectors.length);
    }
    return { dims: encoder.dims, vectors };
  } finally {
    await encoder.dispose();
  }
}
