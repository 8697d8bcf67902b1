// The only converters between the records that travel between devices (sync/types.ts) and the database's rows.
import type { AnnotationRow, ProjectRow } from './rows';
import type { SyncAnnotation } from '../sync/types';
import type { BundleProject } from '../sync/bundle-types';

/** A project as bundles and the device record carry it: what another device needs to label it, without bookkeeping. */
export function bundleProjectOf(row: ProjectRow): BundleProject {
  const { id, name, taskType, labels, instructions, strategy, allowOverlap, rubric } = row;
  return rubric === undefined ? { id, name, taskType, labels, instructions, strategy, allowOverlap } : { id, name, taskType, labels, instructions, strategy, allowOverlap, rubric };
}

/** A stored annotation as it leaves the device. Rows do not carry the annotator's name, so the caller says. */
export function fromAnnotationRow(row: AnnotationRow, annotatorName: string): SyncAnnotation {
  return {
    projectId: row.projectId,
    taskId: row.taskId,
    annotatorId: row.annotatorId,
    annotatorName,
    role: row.role,
    value: row.value,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    revision: row.revision,
    deviceId: row.deviceId,
    ...(row.suggestion === null ? {} : { suggestion: row.suggestion }),
  };
}

/**
 * An incoming annotation as a row. Its suggestion (what the other device's model proposed, and whether it was hidden)
 * comes along for the anchoring check; whether it was taken is read from the two values when counted, not stored.
 */
export function toAnnotationRow(a: SyncAnnotation): AnnotationRow {
  return {
    projectId: a.projectId,
    taskId: a.taskId,
    annotatorId: a.annotatorId,
    role: a.role,
    value: a.value,
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    revision: a.revision,
    deviceId: a.deviceId,
    suggestion: a.suggestion ?? null,
    suggestionOutcome: null,
  };
}
