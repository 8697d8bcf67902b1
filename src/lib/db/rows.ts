// Row types of the IndexedDB database. These cross every boundary that touches storage
// (page, import worker, later the model worker), so they live next to the schema.
import type { CompareContent, Rubric } from '../domain/compare';
import type { AnnotationRole, AnnotationStatus, LabelDef, SamplingStrategy, TaskType } from '../domain/types';
import type { AnnotationRecord } from '../sync/types';

// The domain's words, for the code above the database that reads rows; they are defined once, in domain/types.ts.
export type { AnnotationRole, AnnotationStatus, LabelDef, SamplingStrategy, TaskType };

export interface ProjectRow {
  id: string;
  name: string;
  taskType: TaskType;
  labels: LabelDef[];
  instructions: string;
  createdAt: number;
  updatedAt: number;
  lastOpenedAt: number;
  /** Sequence number the next imported task gets; tasks are numbered 0..nextSeq-1 in import order. */
  nextSeq: number;
  /** Where the annotator was, so the project reopens there. */
  cursorSeq: number;
  /** Added in schema v2; projects from v1 start sequential. */
  strategy: SamplingStrategy;
  /** Span projects only: whether spans may overlap. Added in schema v4; older projects forbid it. */
  allowOverlap: boolean;
  /** Compare projects only: what each task asks (not indexed, so no schema version). */
  rubric?: Rubric;
  /**
   * Compare projects: when the hidden share was last set here — the time of a change in Settings, or the creation
   * time of the bundle it came from. A bundle made later sets it again; an older one does not. Not indexed; rows
   * from before it was kept go by createdAt.
   */
  hiddenShareSetAt?: number;
}

export interface TaskRow {
  projectId: string;
  /** The file's `id` when it had one, else a content hash: importing the same row twice finds it again. */
  id: string;
  seq: number;
  text: string;
  meta: Record<string, unknown>;
  /** The import that added it (provenance; rollback uses the import's seq range). */
  importId: string;
  /** Compare tasks only: the conversation and the responses; `text` holds the prompt as one string. */
  compare?: CompareContent;
}


/** What the model proposed when the annotator decided, so acceptance can be measured per model version. */
export interface SuggestionRecord {
  value: string[];
  confidence: number;
  modelVersion: string;
  /** Kept from the annotator's screen (the anchoring check): the label was made without seeing it. */
  hidden?: true;
}

/** accepted: took the suggestion as is; changed: chose something else; ignored: skipped past it. */
export type SuggestionOutcome = 'accepted' | 'changed' | 'ignored';


/**
 * The record every device keeps (defined once, in sync/types.ts) with what this device's model suggested.
 * `role` was added in schema v3; rows from before are labels.
 */
export interface AnnotationRow extends AnnotationRecord {
  /** Added in schema v2: null when no suggestion was shown. */
  suggestion: SuggestionRecord | null;
  suggestionOutcome: SuggestionOutcome | null;
}

export type ImportStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportRow {
  id: string;
  projectId: string;
  fileName: string;
  format: string;
  status: ImportStatus;
  firstSeq: number;
  added: number;
  duplicates: number;
  /** Duplicates whose text differs from the task kept under their id; absent in rows from before they were told apart. */
  conflictingDuplicates?: number;
  rejected: number;
  /** The first problems found (capped), each with its line: rejected records, and duplicates of a different text. */
  problems: RowProblem[];
  message: string;
  startedAt: number;
  finishedAt: number | null;
}

/** The person using this device. Created once, at first start. */
export interface LocalAnnotator {
  id: string;
  name: string;
  deviceId: string;
  /** Last revision handed out; see AnnotationRow.revision. */
  revision: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A task's embedding under one model, written by the model worker. */
export interface EmbeddingRow {
  projectId: string;
  taskId: string;
  modelId: string;
  vector: Float32Array;
}

export type ModelSource = 'bundled' | 'imported' | 'downloaded';

/** A model this device can use. Files of imported and downloaded models live in Cache Storage, not here. */
export interface ModelRow {
  id: string;
  name: string;
  source: ModelSource;
  /** Where it came from: a file name, a Hugging Face id, or the bundled folder. */
  origin: string;
  sizeBytes: number;
  quantized: boolean;
  addedAt: number;
}

/** Per project: which model is active and how the model has done, for the Model screen. */
export interface LearningRow {
  projectId: string;
  modelId: string | null;
  /** [number of human labels, estimated accuracy] each time the head was evaluated. */
  curve: [number, number][];
}

/**
 * A pre-annotation that came with an imported file (Label Studio predictions, Prodigy lines without an answer):
 * shown as a suggestion, never counted as a label. Added in schema v4.
 */
export interface PrelabelRow {
  projectId: string;
  taskId: string;
  /** In the annotation value encoding of the project's task type (labels, or span strings). */
  value: string[];
  /** The file's score for it, when it gave one. */
  score: number | null;
  /** The file it came from, shown beside the suggestion. */
  source: string;
}

/** Everyone whose labels are on this device (the local annotator and those whose label files were imported). */
export interface AnnotatorRow {
  id: string;
  name: string;
  lastSeenAt: number;
}
