// The contract between the page and the model worker: both sides import this file, nothing untyped crosses.
import type { AnnotationStatus, ModelSource, SamplingStrategy, SuggestionOutcome } from '../db/rows';
import type { ModelTask } from './model-files';
import type { ThreadChoice } from './threads';
import type { ConfidenceReport } from '../learn/confidence-tracker';

export type { ModelTask, ThreadChoice };

export interface ModelInfo {
  id: string;
  name: string;
  source: ModelSource;
  sizeBytes: number;
  /** Generated for tests (random weights): shown as such, never as a trained model. */
  isTestModel: boolean;
  /** feature-extraction: embeddings for the classifier head; token-classification: span suggestions. */
  task: ModelTask;
  /** What a token classifier tags (its tags without B-/I-, e.g. PER, LOC); empty for an encoder. */
  entityTypes: string[];
}

/** Progress of long work, pushed to the page through a Comlink.proxy callback. */
export type ModelEvent =
  | { kind: 'prepare'; done: number; total: number }
  | { kind: 'load'; file: string; loaded: number; total: number }
  | { kind: 'embed'; done: number; total: number }
  | { kind: 'status'; status: ModelStatus };

export interface Suggestion {
  taskId: string;
  /** Compare projects: the id of the response the reward model prefers. */
  value: string[];
  /**
   * Probability of the suggested label (single), the mean certainty over labels (multi), or P(the preferred
   * response is the best one) for compare (with two responses: P(it is preferred over the other)), 0–1.
   */
  confidence: number;
  /** Compare projects: one entry per response, `label` its id, `p` its chance of being the best. */
  scores: { label: string; p: number }[];
  modelVersion: string;
  /** Compare projects: a suggested value per rubric rating item the annotator has rated before. */
  ratings?: RatingSuggestion[];
}

export interface RatingSuggestion {
  /** The rubric item's name. */
  name: string;
  /** 1..its scale. */
  value: number;
  /** The ordinal head's probability of that value, 0–1. */
  confidence: number;
}

/** One span the token-classification model suggests; offsets in UTF-16 units of the task text, end exclusive. */
export interface ModelSpan {
  start: number;
  end: number;
  /** The project's label, spelled as the project spells it. */
  label: string;
  /**
   * 0–1. From suggestSpans: how often the project's finished tasks kept such spans (span-confidence.ts); inside the
   * worker, before calibration: the mean probability of the span's word tags.
   */
  confidence: number;
}

export interface SpanSuggestion {
  taskId: string;
  /** In text order; may be empty (the model found nothing it tags in this text). */
  spans: ModelSpan[];
  modelVersion: string;
}

export interface ModelStatus {
  projectId: string | null;
  activeModel: ModelInfo | null;
  /** Loading a model, embedding tasks or preparing features: what the worker is busy with now. */
  busy: 'loading' | 'embedding' | 'preparing' | null;
  embedded: number;
  total: number;
  humanLabels: number;
  /** The labels the suggestions now come from (behind humanLabels while a retrain waits). */
  learnedFrom: number;
  modelVersion: string;
  estimatedAccuracy: number | null;
  acceptanceRate: number | null;
  suggestionsDecided: number;
  curve: [number, number][];
  /** How the confidence shown with suggestions fared against the annotator's decisions (the reliability chart). */
  confidence: ConfidenceReport;
  strategy: SamplingStrategy;
  /** The last problem, in words a person can act on (a model that cannot work, a failed download). */
  problem: string | null;
}

export interface LabelRecord {
  taskId: string;
  value: string[];
  status: AnnotationStatus;
  outcome: SuggestionOutcome | null;
}

/** The model's share of the device's cores (see threads.ts). */
export interface ThreadState {
  choice: ThreadChoice;
  /** Threads the choice means on this device. */
  wanted: number;
  /** Threads onnxruntime runs with: `wanted` unless it had started before the choice (then from the next start). */
  inUse: number;
  cores: number;
  /** Threads need cross-origin isolation; without it the model always runs on one. */
  isolated: boolean;
  /**
   * Whether re-scoring the tasks' embeddings after each retrain runs the WebAssembly SIMD kernel (learn/wasm-dense.ts)
   * in this worker, or the plain loop where the browser or its Content-Security-Policy has no such kernel.
   */
  simdRescore: boolean;
}

export interface ModelApi {
  listModels(): Promise<ModelInfo[]>;
  /** The first call the page makes, before any model loads; a later call applies from the worker's next start. */
  useThreads(choice: ThreadChoice): Promise<ThreadState>;
  /** A model folder or .zip chosen by the user: validated, stored in Cache Storage, registered. */
  importModelFiles(files: { path: string; file: Blob }[], name: string, onEvent: (event: ModelEvent) => void): Promise<ModelInfo>;
  /** Only on the user's request, online: fetches a Hugging Face model id and keeps it for offline use. */
  downloadModel(hubId: string, onEvent: (event: ModelEvent) => void): Promise<ModelInfo>;
  removeModel(modelId: string): Promise<void>;

  /** Loads the project's tasks and labels, prepares features, trains, and starts embedding in the background. */
  openProject(projectId: string, annotatorId: string, onEvent: (event: ModelEvent) => void): Promise<ModelStatus>;
  /** Makes a model the project's active one (null: n-gram features only); embeds what is missing. */
  useModel(modelId: string | null): Promise<ModelStatus>;
  setStrategy(strategy: SamplingStrategy): Promise<ModelStatus>;
  status(): Promise<ModelStatus>;

  /** A label, skip or undo by the local annotator; the head retrains shortly after (debounced). */
  recordLabel(record: LabelRecord): Promise<void>;
  suggest(taskId: string): Promise<Suggestion | null>;
  /**
   * Spans from the active model: null when it is not a token classifier or tags none of the project's labels
   * (entity types and label names are compared case-insensitively).
   */
  suggestSpans(taskId: string): Promise<SpanSuggestion | null>;
  /** Sequence numbers of open tasks in the project's strategy order, starting after `afterSeq` for sequential. */
  nextTasks(afterSeq: number, count: number): Promise<number[]>;
}
