// Entity spans from a Transformers.js token-classification model: the one code path shared by the model Web Worker
// and Node (tests). The caller configures `env` (local path, cache, wasm files) before loading, as for the encoder.
//
// Words, not tokens, are tagged: a word takes the tag of its first sub-token ("first" aggregation). That is how
// token classifiers are trained (only a word's first piece carries a label), so later pieces' predictions are
// noise; a word's probability is its first piece's. Spans are decoded from the words' IOB2 tags, and a span's
// confidence is the mean of its words' probabilities.
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@xenova/transformers';
import { paddedInputs, progressCallback, type EncoderProgress } from './encoder';
import { decodeIob, entityTypesOf, type EntitySpan, type TaggedWord } from './iob';
import { describeModelConfig } from './model-files';
import { alignTokens, startsWord, type TokenizerRules, type TokenOffsets } from './token-alignment';

type Transformers = typeof import('@xenova/transformers');

export interface SpanTaggerOptions {
  quantized: boolean;
  /** Window length in tokens, special tokens included (default 512, or less when the model allows less). */
  maxTokens?: number;
  onProgress?: (progress: EncoderProgress) => void;
}

export interface SpanTagger {
  readonly modelId: string;
  /** The model's tags in id order, e.g. O, B-PER, I-PER. */
  readonly tags: readonly string[];
  /** The tags without B-/I- prefixes: what the spans' `type` can be. */
  readonly entityTypes: readonly string[];
  /** Spans in text order, offsets in UTF-16 units of `text` (end exclusive). */
  tag(text: string): Promise<EntitySpan[]>;
  dispose(): Promise<void>;
}

const DEFAULT_MAX_TOKENS = 512;
const WINDOWS_PER_BATCH = 8;
const PROBE = 'fieldlabel';

/** The special tokens the tokenizer puts around a single text ([CLS] … [SEP] for BERT). */
function specialFrame(tokenizer: PreTrainedTokenizer): { before: number[]; after: number[] } {
  const bare = tokenizer.encode(PROBE, null, { add_special_tokens: false });
  const framed = tokenizer.encode(PROBE);
  for (let at = 0; at + bare.length <= framed.length; at++) {
    if (bare.every((id, k) => framed[at + k] === id)) return { before: framed.slice(0, at), after: framed.slice(at + bare.length) };
  }
  return { before: [], after: [] };
}

function rulesOf(tokenizer: PreTrainedTokenizer): TokenizerRules {
  const normalizer = tokenizer.normalizer as PreTrainedTokenizer['normalizer'] | null;
  const config = tokenizer.model.config as { type?: string; continuing_subword_prefix?: string };
  // A text repeats few distinct characters, and the normaliser runs regexes on each: remember its answers.
  const seen = new Map<string, string>();
  return {
    normalize: (codePoint) => {
      let normalized = seen.get(codePoint);
      if (normalized === undefined) {
        normalized = normalizer ? normalizer.normalize(codePoint) : codePoint;
        seen.set(codePoint, normalized);
      }
      return normalized;
    },
    continuingPrefix: config.type === 'WordPiece' ? (config.continuing_subword_prefix ?? '##') : null,
    wordStartMarker: config.type === 'Unigram' ? '▁' : null,
    unkToken: typeof tokenizer.model.unk_token === 'string' ? tokenizer.model.unk_token : null,
  };
}

/**
 * Overlapping windows of `size` content tokens over `count` tokens. Each token is read from the window where it has
 * at least `margin` tokens of context on both sides (or sits at the text's edge), never from a window's rim.
 */
export function planWindows(count: number, size: number): { starts: number[]; windowOf: (token: number) => number } {
  const margin = Math.floor(size / 8);
  const step = size - 2 * margin;
  const starts = [0];
  while ((starts.at(-1) as number) + size < count) starts.push((starts.at(-1) as number) + step);
  return { starts, windowOf: (token) => Math.min(starts.length - 1, Math.floor(Math.max(0, token - margin) / step)) };
}

/** The project's label names by lower-cased entity type, for the types the project has a label for. */
export function projectLabelsByType(entityTypes: readonly string[], labelNames: readonly string[]): Map<string, string> {
  const byName = new Map(labelNames.map((name) => [name.toLowerCase(), name]));
  return new Map(
    entityTypes.flatMap((type) => {
      const name = byName.get(type.toLowerCase());
      return name === undefined ? [] : [[type.toLowerCase(), name] as const];
    }),
  );
}

function softmaxMax(logits: Float32Array, from: number, classes: number): { best: number; p: number } {
  let best = 0;
  for (let c = 1; c < classes; c++) if ((logits[from + c] as number) > (logits[from + best] as number)) best = c;
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += Math.exp((logits[from + c] as number) - (logits[from + best] as number));
  return { best, p: 1 / sum };
}

export async function loadSpanTagger(transformers: Transformers, modelId: string, options: SpanTaggerOptions): Promise<SpanTagger> {
  const progress_callback = options.onProgress ? progressCallback(options.onProgress) : undefined;
  const tokenizer: PreTrainedTokenizer = await transformers.AutoTokenizer.from_pretrained(modelId, { progress_callback });
  // Byte-level pieces (RoBERTa's "Ġ", UTF-8 bytes split across tokens) are not text that can be found in the text.
  if ((tokenizer.decoder as { config?: { type?: string } } | null)?.config?.type === 'ByteLevel') {
    throw new Error(
      'Its tokenizer is byte-level BPE (RoBERTa-style), whose tokens fieldlabel cannot place in the text yet; ' +
        'BERT-style (WordPiece) and SentencePiece token classifiers work.',
    );
  }
  const model: PreTrainedModel = await transformers.AutoModelForTokenClassification.from_pretrained(modelId, {
    quantized: options.quantized,
    progress_callback,
  });
  const described = describeModelConfig(model.config);
  if (!described.ok || described.task !== 'token-classification' || !described.labels) {
    await model.dispose();
    throw new Error(described.ok ? 'This model is not a token classifier (no …ForTokenClassification architecture).' : described.message);
  }
  const tags = described.labels;
  const rules = rulesOf(tokenizer);
  const frame = specialFrame(tokenizer);
  const padId = tokenizer.pad_token_id ?? 0;
  // model_max_length is 1e30 in some tokenizer configs, so it only ever lowers the limit; so do the positions.
  const limits = [options.maxTokens ?? DEFAULT_MAX_TOKENS, Number(tokenizer.model_max_length), Number((model.config as { max_position_embeddings?: number }).max_position_embeddings)];
  const maxTokens = Math.min(...limits.filter((n) => Number.isFinite(n) && n > 0));
  const windowSize = maxTokens - frame.before.length - frame.after.length;
  if (windowSize < 8) throw new Error(`This model reads only ${maxTokens} tokens at a time; it cannot tag text.`);

  /** Per token: the best tag's id and probability. */
  async function predict(ids: number[]): Promise<{ best: number; p: number }[]> {
    const plan = planWindows(ids.length, windowSize);
    const out = new Array<{ best: number; p: number }>(ids.length);
    for (let first = 0; first < plan.starts.length; first += WINDOWS_PER_BATCH) {
      const batchStarts = plan.starts.slice(first, first + WINDOWS_PER_BATCH);
      const rows = batchStarts.map((start) => [...frame.before, ...ids.slice(start, start + windowSize), ...frame.after]);
      const { logits } = (await model(paddedInputs(transformers, rows, padId))) as { logits?: Tensor };
      if (!logits || !(logits.data instanceof Float32Array) || logits.dims.length !== 3) {
        throw new Error('This model gives no float logits output; fieldlabel needs a token-classification ONNX export.');
      }
      const [, seqLength, classes] = logits.dims as [number, number, number];
      batchStarts.forEach((start, row) => {
        const end = Math.min(ids.length, start + windowSize);
        for (let t = start; t < end; t++) {
          if (plan.windowOf(t) !== first + row) continue;
          out[t] = softmaxMax(logits.data as Float32Array, (row * seqLength + frame.before.length + t - start) * classes, classes);
        }
      });
    }
    return out;
  }

  async function tag(text: string): Promise<EntitySpan[]> {
    const ids = tokenizer.encode(text, null, { add_special_tokens: false });
    if (ids.length === 0) return [];
    const tokens = tokenizer.model.convert_ids_to_tokens(ids);
    const offsets = alignTokens(text, tokens, rules);
    const predictions = await predict(ids);
    const words: TaggedWord[] = [];
    let word: TaggedWord | null = null;
    let previous: TokenOffsets | null = null;
    tokens.forEach((token, t) => {
      const at = offsets[t] ?? null;
      if (startsWord(token, at, previous, rules)) {
        const prediction = predictions[t] as { best: number; p: number };
        // A word whose first piece could not be placed in the text counts as outside: it breaks a span, never
        // shifts one.
        word = at ? { start: at.start, end: at.end, tag: tags[prediction.best] ?? 'O', p: prediction.p } : null;
        words.push(word ?? { start: 0, end: 0, tag: 'O', p: 0 });
      } else if (at && word) {
        word.end = Math.max(word.end, at.end);
      }
      previous = at;
    });
    return decodeIob(words);
  }

  return {
    modelId,
    tags,
    entityTypes: entityTypesOf(tags),
    tag,
    dispose: async () => {
      await model.dispose();
    },
  };
}
