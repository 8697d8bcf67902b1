// Row types of the IndexedDB database. These cross every boundary that touches storage
// (page, import worker, later the model worker), so they live next to the schema.

export type TaskType = 'single' | 'multi';

export interface LabelDef {
  name: string;
  /** CSS colour from the Okabe–Ito palette, always shown beside the name. */
  color: string;
  /** One key: '1'–'9', then a letter. */
  hotkey: string;
  description?: string;
}

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
}

export interface TaskRow {
  projectId: string;
  /** The file's `id` when it had one, else a content hash: importing the same row twice finds it again. */
  id: string;
  seq: number;
  text: string;
  meta: Record<string, unknown>;
  /** The import that added it, so a cancelled or interrupted import can be taken back whole. */
  importId: string;
}

/** `retracted` is what undo leaves behind: a newer revision that says "no label", so merges never resurrect it. */
export type AnnotationStatus = 'labelled' | 'skipped' | 'retracted';

export interface AnnotationRow {
  projectId: string;
  taskId: string;
  annotatorId: string;
  value: string[];
  status: AnnotationStatus;
  createdAt: number;
  updatedAt: number;
  /** Per-annotator counter, strictly increasing with every write the annotator makes on any task. */
  revision: number;
  deviceId: string;
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
  rejected: number;
  /** The first problems found (capped), each with its line. */
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
