// The reference the browser is compared with, in Node, where Transformers.js runs onnxruntime-node (native kernels,
// all cores by default) on the same int8 model file and texts:
//   - the plain Transformers.js feature-extraction pipeline at batch 16, texts in file order: what a server would
//     run, and the reference for `embed.ratio`;
//   - the app's own encoder (src/lib/model/encoder.ts: batches grouped by length, truncation at 128) at batch 16,
//     so the report also shows how much of the browser's gain is the encoder's and how much is left to the runtime.
import { performance } from 'node:perf_hooks';
import { loadEncoder, type Encoder } from '../../src/lib/model/encoder';

export const NATIVE_BATCH = 16;

export type NativeKind = 'pipeline' | 'encoder';

export interface NativeEncoder {
  /** Mean tokens per text as the encoder feeds them (special tokens included, truncated at 128 like the encoder). */
  meanTokens: number;
  /** Embeds every text once, batch NATIVE_BATCH, the named way; returns the milliseconds it took. */
  pass(kind: NativeKind): Promise<number>;
  dispose(): Promise<void>;
}

type Transformers = typeof import('@xenova/transformers');
type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ dims: number[] }>;

/** Loads both, and runs one untimed warm-up pass of each (onnxruntime sizes its buffers for the shapes it meets). */
export async function startNative(modelsRoot: string, modelId: string, texts: string[]): Promise<NativeEncoder> {
  const transformers: Transformers = await import('@xenova/transformers');
  Object.assign(transformers.env, {
    localModelPath: `${modelsRoot}/`,
    allowLocalModels: true,
    allowRemoteModels: false,
    useBrowserCache: false,
    useFSCache: false,
  });
  const encoder = await loadEncoder(transformers, modelId, { quantized: true });
  const pipeline = await transformers.pipeline('feature-extraction', modelId, { quantized: true });
  const extractor = pipeline as unknown as Extractor;
  const tokenizer = await transformers.AutoTokenizer.from_pretrained(modelId);
  const ids = (tokenizer(texts, { padding: false, truncation: false, return_tensor: false }) as { input_ids: number[][] }).input_ids;
  const meanTokens = ids.reduce((sum, row) => sum + Math.min(row.length, 128), 0) / ids.length;

  const runs: Record<NativeKind, () => Promise<void>> = {
    encoder: () => embedWithEncoder(encoder, texts),
    pipeline: () => embedWithPipeline(extractor, texts, encoder.dims),
  };
  await runs.encoder();
  await runs.pipeline();
  return {
    meanTokens,
    async pass(kind) {
      const start = performance.now();
      await runs[kind]();
      return performance.now() - start;
    },
    async dispose() {
      await encoder.dispose();
      await pipeline.dispose();
    },
  };
}

async function embedWithEncoder(encoder: Encoder, texts: string[]): Promise<void> {
  const vectors = await encoder.embed(texts, NATIVE_BATCH);
  if (vectors.length !== texts.length || vectors.some((v) => v.length !== encoder.dims)) {
    throw new Error(`Node's encoder gave ${vectors.length} vectors for ${texts.length} texts.`);
  }
}

async function embedWithPipeline(extractor: Extractor, texts: string[], dims: number): Promise<void> {
  for (let start = 0; start < texts.length; start += NATIVE_BATCH) {
    const batch = texts.slice(start, start + NATIVE_BATCH);
    const output = await extractor(batch, { pooling: 'mean', normalize: true });
    if (output.dims[0] !== batch.length || output.dims[1] !== dims) {
      throw new Error(`The Node pipeline gave a [${output.dims.join(', ')}] output for ${batch.length} texts of ${dims} dimensions.`);
    }
  }
}
