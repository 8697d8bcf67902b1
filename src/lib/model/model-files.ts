// What a model folder (or .zip) must hold for Transformers.js to load it, checked up front so the app can say
// exactly what is wrong instead of hanging on a missing file or an unsupported architecture. Pure.
import { unzipSync } from 'fflate';

export const REQUIRED_MODEL_FILES = {
  all: ['config.json', 'tokenizer.json', 'tokenizer_config.json'],
  /** One of these, in order of preference: int8 is ~4× smaller and faster in WASM. */
  oneOfOnnx: ['onnx/model_quantized.onnx', 'onnx/model.onnx'],
} as const;

export type ModelFilesCheck = { ok: true; onnxFile: string; quantized: boolean } | { ok: false; message: string };

export type ModelTask = 'feature-extraction' | 'token-classification';

export type ModelConfigCheck =
  | { ok: true; modelType: string; task: ModelTask; labels?: string[] }
  | { ok: false; message: string };

function listInProse(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `paths` are relative to the model folder, e.g. `onnx/model.onnx`. */
export function checkModelFiles(paths: string[]): ModelFilesCheck {
  const present = new Set(paths.map((p) => p.replaceAll('\\', '/').replace(/^\.?\//, '')));
  const missing: string[] = REQUIRED_MODEL_FILES.all.filter((file) => !present.has(file));
  const onnxFile = REQUIRED_MODEL_FILES.oneOfOnnx.find((file) => present.has(file));
  if (!onnxFile) missing.push(`an ONNX model (${REQUIRED_MODEL_FILES.oneOfOnnx.join(' or ')})`);
  if (missing.length > 0 || !onnxFile) {
    return { ok: false, message: `This model folder is missing ${listInProse(missing)}.` };
  }
  return { ok: true, onnxFile, quantized: onnxFile === 'onnx/model_quantized.onnx' };
}

// Text encoders Transformers.js 2.17 loads with AutoModel (e5, bge, gte and MiniLM models are bert or
// xlm-roberta underneath).
const TEXT_ENCODERS = new Set([
  'bert', 'nomic_bert', 'roformer', 'electra', 'convbert', 'camembert', 'deberta', 'deberta-v2', 'mpnet', 'albert',
  'distilbert', 'roberta', 'xlm', 'xlm-roberta', 'mobilebert', 'squeezebert',
]);
// The subset Transformers.js 2.17 loads with AutoModelForTokenClassification.
const TOKEN_CLASSIFIERS = new Set([
  'bert', 'roformer', 'electra', 'convbert', 'camembert', 'deberta', 'deberta-v2', 'mpnet', 'distilbert', 'roberta',
  'xlm', 'xlm-roberta',
]);
const TEXT_GENERATORS = new Set([
  'bloom', 'gpt2', 'gptj', 'gpt_bigcode', 'gpt_neo', 'gpt_neox', 'codegen', 'llama', 'qwen2', 'phi', 'phi3', 'mpt',
  'opt', 'mistral', 'mixtral', 'gemma', 'starcoder2', 'falcon', 'stablelm',
]);
const SEQ2SEQ = new Set(['t5', 'longt5', 'mt5', 'bart', 'mbart', 'marian', 'm2m_100', 'blenderbot', 'blenderbot-small', 'pegasus']);
const SPEECH = new Set(['whisper', 'speecht5', 'wav2vec2', 'wav2vec2-bert', 'hubert', 'wavlm', 'unispeech', 'unispeech-sat']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unusableKind(modelType: string): string | null {
  if (TEXT_GENERATORS.has(modelType)) return 'a text-generation model';
  if (SEQ2SEQ.has(modelType)) return 'a sequence-to-sequence (translation or summarisation) model';
  if (SPEECH.has(modelType)) return 'a speech model';
  return null;
}

/** Labels in id order from an `id2label` object with keys "0".."n-1", else null. */
function labelsFromId2Label(id2label: unknown): string[] | null {
  if (!isRecord(id2label)) return null;
  const entries = Object.entries(id2label);
  const labels: string[] = [];
  for (const [key, label] of entries) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || typeof label !== 'string') return null;
    labels[id] = label;
  }
  return entries.length > 0 && labels.every((label) => label !== undefined) ? labels : null;
}

export function describeModelConfig(configJson: unknown): ModelConfigCheck {
  if (!isRecord(configJson)) return { ok: false, message: 'config.json is not a JSON object.' };
  const modelType = configJson['model_type'];
  if (typeof modelType !== 'string' || modelType === '') {
    return { ok: false, message: 'config.json has no model_type, so the model architecture is unknown.' };
  }
  const kind = unusableKind(modelType);
  if (kind) {
    return { ok: false, message: `fieldlabel can use encoder models (BERT-like) for embeddings; ${modelType} is ${kind}.` };
  }
  if (!TEXT_ENCODERS.has(modelType)) {
    return {
      ok: false,
      message: `fieldlabel can use encoder models (BERT-like, e.g. bert, roberta, mpnet, xlm-roberta) for embeddings; it cannot use model type ${modelType}.`,
    };
  }

  const architectures = Array.isArray(configJson['architectures']) ? configJson['architectures'] : [];
  const tokenHead = architectures.find((a): a is string => typeof a === 'string' && a.endsWith('ForTokenClassification'));
  if (!tokenHead) return { ok: true, modelType, task: 'feature-extraction' };
  if (!TOKEN_CLASSIFIERS.has(modelType)) {
    return { ok: false, message: `${tokenHead} is a token classifier, but fieldlabel cannot run token classification for ${modelType}.` };
  }
  const labels = labelsFromId2Label(configJson['id2label']);
  if (!labels) {
    return { ok: false, message: `${tokenHead} needs id2label in config.json (labels numbered 0..n-1) to name its tags.` };
  }
  return { ok: true, modelType, task: 'token-classification', labels };
}

const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04], // a zip with entries
  [0x50, 0x4b, 0x05, 0x06], // an empty zip
];

/** Finder and Explorer litter that is never part of a model. */
export function isIgnoredModelPath(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return path.startsWith('__MACOSX/') || path.endsWith('/') || base === '.DS_Store' || base === 'Thumbs.db';
}

/**
 * Paths relative to the model folder, for a zip or folder pick of the folder itself (`all-MiniLM-L6-v2/…`) as well
 * as of its contents: one common top folder is stripped, unless it is `onnx/` (part of the layout, not a wrapper).
 */
export function stripWrapperFolder<T>(files: Map<string, T>): Map<string, T> {
  const paths = [...files.keys()];
  const top = paths[0]?.split('/')[0];
  if (top === undefined || top === 'onnx' || !paths.every((path) => path.startsWith(`${top}/`))) return files;
  return new Map([...files].map(([path, value]) => [path.slice(top.length + 1), value]));
}

/** Model files keyed by their path inside the model folder (see `stripWrapperFolder`). */
export function unzipModel(zipBytes: Uint8Array): Map<string, Uint8Array<ArrayBuffer>> {
  const isZip = ZIP_SIGNATURES.some((sig) => sig.every((byte, i) => zipBytes[i] === byte));
  if (!isZip) throw new Error('This file is not a .zip archive.');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zipBytes, { filter: (file) => !isIgnoredModelPath(file.name) });
  } catch (error) {
    throw new Error(`This .zip archive could not be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  // fflate copies every file into its own ArrayBuffer; saying so lets callers hand the bytes to `new Response`.
  return stripWrapperFolder(new Map(Object.entries(entries) as [string, Uint8Array<ArrayBuffer>][]));
}
