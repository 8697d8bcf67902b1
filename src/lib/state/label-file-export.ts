// A label file of a project's annotations on this device, as the Sync screen exports it and as the low-storage
// banner saves it in one step.
import type { FieldlabelDb } from '../db/database';
import { getSetting, putSetting } from '../db/annotator';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { labelFileAnnotations } from '../db/sync-queries';
import { exportFileName } from '../formats/file-names';
import { writeLabelFile } from '../sync/label-file-write';
import { ownerOf, type SyncAnnotation } from '../sync/types';
import { saveFile, type SaveOutcome } from './save-file';

const lastExportKey = (projectId: string) => `lastLabelExport:${projectId}`;

export interface BuiltLabelFile {
  text: string;
  count: number;
  /** The highest revision of this annotator in the project: a delta exported later starts after it. */
  topRevision: number;
}

/** Full: every annotation on this device (those kept apart too). Delta: only this annotator's writes since their last export. */
export async function buildLabelFile(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, scope: 'full' | 'delta'): Promise<BuiltLabelFile> {
  const since = (await getSetting<number>(db, lastExportKey(project.id))) ?? 0;
  const all = await labelFileAnnotations(db, project.id);
  const mine = (a: SyncAnnotation) => ownerOf(a.annotatorId) === annotator.id;
  const chosen = scope === 'full' ? all : all.filter((a) => mine(a) && a.revision > since);
  const header = { projectId: project.id, annotator: { id: annotator.id, name: annotator.name }, deviceId: annotator.deviceId, createdAt: Date.now() };
  const text = await writeLabelFile(scope === 'full' ? { ...header, scope } : { ...header, scope, sinceRevision: since }, chosen);
  // A loop, not Math.max(...): spreading 125,000 revisions overflows the call stack.
  let topRevision = since;
  for (const a of all) if (mine(a) && a.revision > topRevision) topRevision = a.revision;
  return { text, count: chosen.length, topRevision };
}

/** Builds the label file and hands it to the user; remembers what it held, so the next delta starts after it. */
export async function exportLabelFile(
  db: FieldlabelDb,
  project: ProjectRow,
  annotator: LocalAnnotator,
  scope: 'full' | 'delta',
): Promise<{ outcome: SaveOutcome; name: string; count: number }> {
  const file = await buildLabelFile(db, project, annotator, scope);
  const name = exportFileName(project.name, annotator.name, new Date(), 'labels.jsonl');
  const outcome = await saveFile(name, new Blob([file.text], { type: 'application/jsonl' }), 'fieldlabel label file');
  if (outcome !== 'cancelled') await putSetting(db, lastExportKey(project.id), file.topRevision);
  return { outcome, name, count: file.count };
}
