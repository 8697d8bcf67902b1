// The second copy of this device's labels, kept outside IndexedDB (in the origin private file system), and what it
// says about the device. Chromium can lose a whole database — after a disk ran full, or a crash — and then only
// another storage can tell the annotator what was there and give their labels back.
//
// Two kinds of file:
// - the device record: who labels here and which projects exist, rewritten when either changes, into two files in
//   turn (device-a.json, device-b.json), so a crash while one is written leaves the other whole;
// - journals (labels-<tab session>.jsonl): every annotation this device's annotator stored, appended after its
//   transaction committed, one line each, in the label file line format plus the project id. Each tab appends to
//   its own file (a file is written through one exclusive handle); revisions grow along a file.
import { fromAnnotationRow } from '../db/sync-rows';
import { annotationFromJson, annotationToJson, type AnnotationJson, type SyncAnnotation } from '../sync/types';
import { projectFromJson, projectToJson, type BundleProject, type BundleProjectJson } from '../sync/bundle-types';
import type { AnnotationRow } from '../db/rows';
import { isPlainObject } from '../formats/values';

export const DEVICE_RECORD_TYPE = 'fieldlabel.device';

export interface DeviceRecord {
  annotator: { id: string; name: string; deviceId: string };
  projects: BundleProject[];
  /** When it was written: of two records, the later one holds. */
  writtenAt: number;
}

interface DeviceRecordJson {
  type: typeof DEVICE_RECORD_TYPE;
  version: 1;
  written_at: number;
  annotator: { id: string; name: string; device_id: string };
  projects: BundleProjectJson[];
}

type JournalLine = AnnotationJson & { project_id: string };

export function writeDeviceRecord(record: DeviceRecord): string {
  const json: DeviceRecordJson = {
    type: DEVICE_RECORD_TYPE,
    version: 1,
    written_at: record.writtenAt,
    annotator: { id: record.annotator.id, name: record.annotator.name, device_id: record.annotator.deviceId },
    projects: record.projects.map(projectToJson),
  };
  return JSON.stringify(json);
}

/** null for a record that cannot be read (cut off by a crash while written, or not ours). */
export function readDeviceRecord(text: string | null): DeviceRecord | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(json) || json.type !== DEVICE_RECORD_TYPE || !Array.isArray(json.projects) || !isPlainObject(json.annotator)) return null;
  const annotator = json.annotator as DeviceRecordJson['annotator'];
  return {
    writtenAt: typeof json.written_at === 'number' ? json.written_at : 0,
    annotator: { id: String(annotator.id), name: String(annotator.name), deviceId: String(annotator.device_id) },
    projects: (json.projects as BundleProjectJson[]).map(projectFromJson),
  };
}

/** Journal lines for rows just committed; the annotator's name lives in the device record, not on every line. */
export function journalLines(rows: readonly AnnotationRow[]): string {
  return rows.map((row) => `${JSON.stringify({ project_id: row.projectId, ...annotationToJson(fromAnnotationRow(row, '')) })}\n`).join('');
}

/**
 * Every annotation a journal holds. A line cut off by a crash in the middle of an append (only ever the last one)
 * or otherwise unreadable is passed over: the rest of the copy is still good.
 */
export function readJournal(text: string, annotatorName: (annotatorId: string) => string): SyncAnnotation[] {
  const found: SyncAnnotation[] = [];
  for (const line of text.split('\n')) {
    const json = journalLine(line);
    if (json === null) continue;
    const annotation = annotationFromJson(json, json.project_id);
    found.push({ ...annotation, annotatorName: annotatorName(annotation.annotatorId) });
  }
  return found;
}

/** A line of a journal, or null for one cut off, empty or not a journal line. */
function journalLine(line: string): JournalLine | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  return isJournalLine(json) ? json : null;
}

function isJournalLine(json: unknown): json is JournalLine {
  return (
    isPlainObject(json) &&
    typeof json.project_id === 'string' &&
    typeof json.task_id === 'string' &&
    typeof json.annotator_id === 'string' &&
    typeof json.revision === 'number' &&
    Array.isArray(json.value) &&
    typeof json.status === 'string' &&
    typeof json.updated_at === 'string'
  );
}

/** The highest revision a journal's tail shows: revisions grow along a file, so its last readable line has it. */
export function lastRevision(tail: string): number {
  const lines = tail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    // A line cut off at either end of the tail is passed over.
    const json = journalLine(lines[i] as string);
    if (json !== null) return json.revision;
  }
  return 0;
}

/**
 * Journals folded into one: the newest line of each annotation (project, task, annotator), in revision order, so the
 * last line still carries the highest revision. Lines that cannot be read are left out, as readJournal does.
 */
export function foldJournals(texts: readonly string[]): string {
  const newest = new Map<string, { revision: number; line: string }>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const json = journalLine(line);
      if (json === null) continue;
      const key = JSON.stringify([json.project_id, json.task_id, json.annotator_id]);
      const kept = newest.get(key);
      if (!kept || json.revision > kept.revision) newest.set(key, { revision: json.revision, line });
    }
  }
  return [...newest.values()]
    .sort((a, b) => a.revision - b.revision)
    .map(({ line }) => `${line}\n`)
    .join('');
}
