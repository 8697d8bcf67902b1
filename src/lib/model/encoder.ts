// Sentence embeddings from a Transformers.js encoder: the one code path shared by the model Web Worker and
// Node (tests, benchmarks). The caller configures `env` (local path, cache, wasm files) before calling.
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@xenova/transformers';

type Transformers = typeof import('@xenova/transformers');

export interface EncoderProgress {
  file: string;
  loaded: number;
  total: number;
  status: string;
}

export interface EncoderOptions {
  quantized: boolean;
  /** Truncation length in tokens, special tokens included (default 128). */
  maxTokens?: number;
  onProgress?: (progress: EncoderProgress) => void;
}

export interface Encoder {
  readonly modelId: string;
  readonly dims: number;
  /** One L2-normalised, mean-pooled vector per text, in the order of `texts`. */
  embed(texts: string[], batchSize?: number): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

const DEFAULT_MAX_TOKENS = 128;
const DEFAULT_BATCH_SIZE = 32;

/** The events Transformers.js sends to `progress_callback` while it fetches model files. */
interface TransformersProgress {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/** Turns Transformers.js' loading events into byte progress per file (shared with the span tagger). */
export function progressCallback(onProgress: (progress: EncoderProgress) => void): (event: TransformersProgress) => void {
  // 'initiate'/'download'/'done' carry no byte counts; remember each file's size so 'done' can report it.
  const totals = new Map<string, number>();
  return (event) => {
    const file = event.file ?? '';
    if (event.total !== undefined) totals.set(file, event.total);
    const total = totals.get(file) ?? 0;
    const loaded = event.status === 'done' ? total : (event.loaded ?? 0);
    onProgress({ file, loaded, total, status: event.status });
  };
}

/**
 * Cuts ids to `maxTokens` but keeps a closing separator, as Python tokenizers do (they truncate before adding
 * special tokens), so a truncated text still ends the way the model saw every text end in training.
 */
function truncate(ids: number[], maxTokens: number, sepId: number | undefined): number[] {
  if (ids.length <= maxTokens) return ids;
  const last = ids[ids.length - 1];
  if (last !== undefined && last === sepId) return [...ids.slice(0, maxTokens - 1), last];
  return ids.slice(0, maxTokens);
}

/** Mean of the first `length` token vectors of row `row` in a [batch, seq, dims] tensor, scaled to unit length. */
function meanPoolRow(hidden: Float32Array, row: number, seqLength: number, dims: number, length: number): Float32Array {
  const vector = new Float32Array(dims);
  const rowStart = row * seqLength * dims;
  for (let t = 0; t < length; t++) {
    const offset = rowStart + t * dims;
    for (let d = 0; d < dims; d++) vector[d] = (vector[d] as number) + (hidden[offset + d] as number);
  }
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += (vector[d] as number) ** 2;
  // Mean pooling's 1/length factor cancels out in the normalisation, so only the norm is divided by.
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dims; d++) vector[d] = (vector[d] as number) * scale;
  return vector;
}

/** Model inputs for rows of token ids, padded to the longest row (shared with the span tagger). */
export function paddedInputs(transformers: Transformers, batch: number[][], padId: number): { input_ids: Tensor; attention_mask: Tensor } {
  const seqLength = Math.max(...batch.map((ids) => ids.length));
  const inputIds = new BigInt64Array(batch.length * seqLength).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(batch.length * seqLength);
  batch.forEach((ids, row) => {
    ids.forEach((id, t) => {
      inputIds[row * seqLength + t] = BigInt(id);
      attentionMask[row * seqLength + t] = 1n;
    });
  });
  const dims = [batch.length, seqLength];
  // token_type_ids are left out: Transformers.js fills zeros when the model wants them, which is what a
  // single-sentence input has anyway.
  return {
    input_ids: new transformers.Tensor('int64', inputIds, dims),
    attention_mask: new transformers.Tensor('int64', attentionMask, dims),
  };
}

async function runBatch(
  transformers: Transformers,
  model: PreTrainedModel,
  batch: number[][],
  padId: number,
): Promise<Float32Array[]> {
  const seqLength = Math.max(...batch.map((ids) => ids.length));
  const output = (await model(paddedInputs(transformers, batch, padId))) as Record<string, Tensor | undefined>;
  const hidden = output['last_hidden_state'];
  if (!hidden || !(hidden.data instanceof Float32Array) || hidden.dims.length !== 3) {
    throw new Error(
      `This model gives no float last_hidden_state output (it has ${Object.keys(output).join(', ')}); ` +
        'fieldlabel needs a feature-extraction (base encoder) ONNX export.',
    );
  }
  const hiddenSize = hidden.dims[2] as number;
  return batch.map((ids, row) => meanPoolRow(hidden.data as Float32Array, row, seqLength, hiddenSize, ids.length));
}

export async function loadEncoder(transformers: Transformers, modelId: string, options: EncoderOptions): Promise<Encoder> {
  const progress_callback = options.onProgress ? progressCallback(options.onProgress) : undefined;
  const tokenizer: PreTrainedTokenizer = await transformers.AutoTokenizer.from_pretrained(modelId, { progress_callback });
  const model: PreTrainedModel = await transformers.AutoModel.from_pretrained(modelId, { quantized: options.quantized, progress_callback });
  // model_max_length is 1e30 in some tokenizer configs, so it only ever lowers the limit.
  const modelLimit = Number(tokenizer.model_max_length);
  const maxTokens = Math.min(options.maxTokens ?? DEFAULT_MAX_TOKENS, Number.isFinite(modelLimit) ? modelLimit : Infinity);
  const padId = tokenizer.pad_token_id ?? 0;

  async function embed(texts: string[], batchSize = DEFAULT_BATCH_SIZE): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const size = Math.max(1, Math.floor(batchSize));
    const encoded = tokenizer(texts, { padding: false, truncation: false, return_tensor: false }) as { input_ids: number[][] };
    const ids = encoded.input_ids.map((row) => truncate(row, maxTokens, tokenizer.sep_token_id));
    // Batching texts of similar length keeps padding (wasted compute) small; results go back in caller order.
    const order = ids.map((_, i) => i).sort((a, b) => (ids[a] as number[]).length - (ids[b] as number[]).length);
    const vectors: Float32Array[] = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += size) {
      const indices = order.slice(start, start + size);
      const batchVectors = await runBatch(transformers, model, indices.map((i) => ids[i] as number[]), padId);
      indices.forEach((textIndex, row) => {
        vectors[textIndex] = batchVectors[row] as Float32Array;
      });
    }
    return vectors;
  }

  // One short text reveals the real output size (config names it hidden_size, dim or d_model depending on the
  // architecture) and checks the model has the output we pool, before anyone waits on a long run.
  let probe: Float32Array[];
  try {
    probe = await embed(['fieldlabel'], 1);
  } catch (error) {
    await model.dispose();
    throw error;
  }
  return {
    modelId,
    dims: (probe[0] as Float32Array).length,
    embed,
    dispose: async () => {
      await model.dispose();
    },
  };
}
