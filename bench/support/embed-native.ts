// The reference the browser is compared with: the same encoder code (src/lib/model/encoder.ts) and model file in
// Node, where Transformers.js runs onnxruntime-node (native kernels, all cores by default): what a server would run.
import { performance } from 'node:perf_hooks';
import { loadEncoder } from '../../src/lib/model/encoder';

export const NATIVE_BATCH = 16;

export interface NativeEncoder {
  /** Mean tokens per text as the encoder feeds them (special tokens included, truncated at 128 like the encoder). */
  meanTokens: number;
  /** Embeds every text once, batch NATIVE_BATCH; returns the milliseconds it took. */
  pass(): Promise<number>;
  dispose(): Promise<void>;
}

/** Loads the model and runs one untimed warm-up pass (onnxruntime sizes its buffers for the shapes it meets). */
export async function startNative(modelsRoot: string, modelId: string, texts: string[]): Promise<NativeEncoder> {
  const transformers = await import('@xenova/transformers');
  Object.assign(transformers.env, {
    localModelPath: `${modelsRoot}/`,
    allowLocalModels: true,
    allowRemoteModels: false,
    useBrowserCache: false,
    useFSCache: false,
  });
  const encoder = await loadEncoder(transformers, modelId, { quantized: true });
  const tokenizer = await transformers.AutoTokenizer.from_pretrained(modelId);
  const ids = (tokenizer(texts, { padding: false, truncation: false, return_tensor: false }) as { input_ids: number[][] }).input_ids;
  const meanTokens = ids.reduce((sum, row) => sum + Math.min(row.length, 128), 0) / ids.length;
  await encoder.embed(texts, NATIVE_BATCH);
  return {
    meanTokens,
    async pass() {
      const start = performance.now();
      const vectors = await encoder.embed(texts, NATIVE_BATCH);
      const ms = performance.now() - start;
      if (vectors.length !== texts.length || vectors.some((v) => v.length !== encoder.dims)) {
        throw new Error(`Node native gave ${vectors.length} vectors for ${texts.length} texts.`);
      }
      return ms;
    },
    dispose: () => encoder.dispose(),
  };
}
