// Annotations and label files as they travel between devices, in memory (camelCase) and on the wire (snake_case),
// and the only converters between the two shapes (projects and tasks in bundles: bundle-types.ts; to and from
// database rows: db/sync-rows.ts). Pure data.
import type { AnnotationRole, AnnotationStatus } from '../domain/types';

/**
 * What the model suggested when the annotation was made, and whether it was kept from the annotator's screen (the
 * anchoring check): carried so that the check counts every annotator's decisions once label files are merged.
 */
export interface SyncSuggestion {
  value: string[];
  confidence: number;
  modelVersion: string;
  hidden?: true;
}

export interface SyncSuggestionJson {
  value: string[];
  confidence: number;
  model_version: string;
  hidden?: true;
}

/**
 * One annotator's current word on one task, as every device keeps it (db/rows.ts's AnnotationRow adds what this
 * device's model suggested). Identity: (projectId, taskId, annotatorId).
 */
export interface AnnotationRecord {
  projectId: string;
  taskId: string;
  annotatorId: string;
  role: AnnotationRole;
  value: string[];
  status: AnnotationStatus;
  createdAt: number;
  updatedAt: number;
  /** Per-annotator counter, strictly increasing with every write the annotator makes on any task. */
  revision: number;
  deviceId: string;
}

/**
 * An annotation as it travels: with its annotator's name, which database rows keep in the annotators table, and the
 * suggestion it was made with.
 */
export interface SyncAnnotation extends AnnotationRecord {
  annotatorName: string;
  /** Absent when no suggestion was shown or hidden (and in files written before suggestions travelled). */
  suggestion?: SyncSuggestion;
}

/** One line of a label file after the header. Times are ISO 8601 strings. */
export interface AnnotationJson {
  task_id: string;
  annotator_id: string;
  annotator_name: string;
  role: AnnotationRole;
  value: string[];
  status: AnnotationStatus;
  created_at: string;
  updated_at: string;
  revision: number;
  device_id: string;
  suggestion?: SyncSuggestionJson;
}

export type LabelFileScope = 'full' | 'delta';

export interface LabelFileHeader {
  /** The version the file was written in; reading upgrades its contents to the current one. */
  version: number;
  projectId: string;
  annotator: { id: string; name: string };
  deviceId: string;
  createdAt: number;
  scope: LabelFileScope;
  /** For a delta: the file holds the annotator's writes with a higher revision than this. Null for a full file. */
  sinceRevision: number | null;
  count: number;
  /** "sha256:" and the hex digest of the annotation lines. */
  checksum: string;
}

export interface LabelFileHeaderJson {
  type: 'fieldlabel.labels';
  version: number;
  project_id: string;
  annotator: { id: string; name: string };
  device_id: string;
  created_at: string;
  scope: LabelFileScope;
  since_revision: number | null;
  count: number;
  checksum: string;
}

export interface LabelFile {
  /** As given to the reader, for messages about the file as a whole. */
  fileName: string;
  header: LabelFileHeader;
  annotations: SyncAnnotation[];
  /** The line each annotation is on, for messages about one of them. */
  lines: number[];
}

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from there on toISOString writes six-digit years. */
const FOUR_DIGIT_YEARS_END_MS = 253_402_300_800_000;
const digits = (width: number, count: number) => Array.from({ length: count }, (_, n) => String(n).padStart(width, '0'));
const TWO_DIGITS = digits(2, 60);
const THREE_DIGITS = digits(3, 1000);
/** Date parts ("2026-03-02T") by day number. Few days occur in one merge; the bound keeps a long run's memory flat. */
const dayPrefixes = new Map<number, string>();
const MAX_CACHED_DAYS = 4096;

/**
 * `new Date(ms).toISOString()`, the same characters, without a Date per call: a merge writes two per annotation,
 * a million annotations at a time. Its output is sorted by task, so consecutive lines come from different annotators
 * and days: the date part is kept for every day seen, not only the last one.
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= FOUR_DIGIT_YEARS_END_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_CACHED_DAYS) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  return `${prefix}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}.${THREE_DIGITS[inDay % 1000]}Z`;
}

export function annotationToJson(a: SyncAnnotation): AnnotationJson {
  // Keys in a fixed order, so files diff cleanly and the same annotations always give the same bytes.
  return {
    task_id: a.taskId,
    annotator_id: a.annotatorId,
    annotator_name: a.annotatorName,
    role: a.role,
    value: a.value,
    status: a.status,
    created_at: isoTime(a.createdAt),
    updated_at: isoTime(a.updatedAt),
    revision: a.revision,
    device_id: a.deviceId,
    // Only when there is one, so a file without suggestions is byte for byte what it was before they travelled.
    ...(a.suggestion === undefined ? {} : { suggestion: suggestionToJson(a.suggestion) }),
  };
}

function suggestionToJson(s: SyncSuggestion): SyncSuggestionJson {
  return { value: s.value, confidence: s.confidence, model_version: s.modelVersion, ...(s.hidden ? { hidden: true as const } : {}) };
}

function suggestionFromJson(json: SyncSuggestionJson): SyncSuggestion {
  return { value: json.value, confidence: json.confidence, modelVersion: json.model_version, ...(json.hidden ? { hidden: true as const } : {}) };
}

export function annotationFromJson(json: AnnotationJson, projectId: string): SyncAnnotation {
  return {
    projectId,
    taskId: json.task_id,
    annotatorId: json.annotator_id,
    annotatorName: json.annotator_name,
    role: json.role,
    value: json.value,
    status: json.status,
    createdAt: Date.parse(json.created_at),
    updatedAt: Date.parse(json.updated_at),
    revision: json.revision,
    deviceId: json.device_id,
    ...(json.suggestion === undefined ? {} : { suggestion: suggestionFromJson(json.suggestion) }),
  };
}

export function headerToJson(h: LabelFileHeader): LabelFileHeaderJson {
  return {
    type: 'fieldlabel.labels',
    version: h.version,
    project_id: h.projectId,
    annotator: { id: h.annotator.id, name: h.annotator.name },
    device_id: h.deviceId,
    created_at: new Date(h.createdAt).toISOString(),
    scope: h.scope,
    since_revision: h.sinceRevision,
    count: h.count,
    checksum: h.checksum,
  };
}

export function headerFromJson(json: LabelFileHeaderJson): LabelFileHeader {
  return {
    version: json.version,
    projectId: json.project_id,
    annotator: { id: json.annotator.id, name: json.annotator.name },
    deviceId: json.device_id,
    createdAt: Date.parse(json.created_at),
    scope: json.scope,
    sinceRevision: json.since_revision,
    count: json.count,
    checksum: json.checksum,
  };
}

/**
 * The person behind an annotator id: a local reviewer writes as `<their id>#review` (so their own label and their
 * verdict never collide), and their delta label files carry both.
 */
export function ownerOf(annotatorId: string): string {
  const hash = annotatorId.indexOf('#');
  return hash === -1 ? annotatorId : annotatorId.slice(0, hash);
}
