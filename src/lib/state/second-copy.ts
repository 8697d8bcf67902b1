// The page's side of the second copy of the labels (lib/storage/copy-format.ts): every label this device stores is
// appended to it once its transaction committed, the device record follows the project list, and at start the
// copy is compared with the database, which gets back whatever it lost.
import type { FieldlabelDb } from '../db/database';
import { restoreCopy, type RestoreOutcome } from '../db/restore';
import type { AnnotationRow, LocalAnnotator, ProjectRow } from '../db/rows';
import { bundleProjectOf } from '../db/sync-rows';
import type { CopyApi } from '../storage/copy-api';
import { journalLines, readDeviceRecord, readJournal, writeDeviceRecord, type DeviceRecord } from '../storage/copy-format';
import type { SyncAnnotation } from '../sync/types';
import { ownerOf } from '../sync/types';

/** Called with the rows of every label write once committed; never rejects (the label is stored either way). */
export type KeepCopy = (rows: readonly AnnotationRow[]) => Promise<void>;

/** For sessions without a copy (unit tests, scripts). */
export const NO_COPY: KeepCopy = () => Promise.resolve();

export type Recovery =
  | { kind: 'none' }
  /** The database was found empty where the device had projects. */
  | { kind: 'lost'; projects: string[]; outcome: RestoreOutcome }
  /** The database lacked labels the copy had: it came back older than the last labels. */
  | { kind: 'older'; outcome: RestoreOutcome };

const ANNOTATOR_KEY = 'localAnnotator';

export class SecondCopy {
  private readonly store: CopyApi;
  private readonly onFailure: (error: unknown) => void;
  private described = '';

  /** `onFailure`: the copy could not be written (the disk is full, most likely): say so, storage is running out. */
  constructor(store: CopyApi, onFailure: (error: unknown) => void) {
    this.store = store;
    this.onFailure = onFailure;
  }

  readonly keep: KeepCopy = (rows) => {
    if (rows.length === 0) return Promise.resolve();
    return this.store.append(journalLines(rows)).catch(this.onFailure);
  };

  /** Writes the device record when who labels here, or the project list, changed. */
  async describe(annotator: LocalAnnotator, projects: readonly ProjectRow[]): Promise<void> {
    const record: DeviceRecord = {
      annotator: { id: annotator.id, name: annotator.name, deviceId: annotator.deviceId },
      projects: projects.map(bundleProjectOf),
      writtenAt: 0,
    };
    const text = writeDeviceRecord(record);
    if (text === this.described) return;
    await this.store.writeDevice(writeDeviceRecord({ ...record, writtenAt: Date.now() })).then(
      () => (this.described = text),
      this.onFailure,
    );
  }

  /**
   * Before anything else reads the database: when it is empty where the device record lists projects, or older
   * than the last labels the copy holds, what it lacks is put back.
   */
  /** Folds the journals of closed tabs once there are many; never fails the caller. */
  compact(): Promise<void> {
    return this.store.compact().catch(() => undefined);
  }

  async recover(db: FieldlabelDb): Promise<Recovery> {
    const device = newest((await this.store.readDevice()).map(readDeviceRecord));
    if (!device) return { kind: 'none' };
    const stored = (await db.settings.get(ANNOTATOR_KEY))?.value as LocalAnnotator | undefined;
    // Another identity on this device is not this copy's business.
    if (stored && stored.id !== device.annotator.id) return { kind: 'none' };
    const lost = device.projects.length > 0 && (await db.projects.count()) === 0;
    const topRevision = await this.store.lastRevision();
    const dbRevision = stored?.revision ?? 0;
    if (!lost && topRevision <= dbRevision) return { kind: 'none' };

    const name = (annotatorId: string) => (ownerOf(annotatorId) === device.annotator.id ? device.annotator.name : '');
    const all = (await this.store.readJournals()).flatMap((text) => readJournal(text, name));
    const missing = lost ? all : all.filter((a) => a.revision > dbRevision);
    const projects = lost ? device.projects : device.projects.filter((p) => missing.some((a) => a.projectId === p.id));
    const outcome = await restoreCopy(db, { annotator: device.annotator, projects, annotations: missing, topRevision: Math.max(topRevision, maxRevision(all)) });
    return lost ? { kind: 'lost', projects: device.projects.map((p) => p.name), outcome } : { kind: 'older', outcome };
  }
}

function newest(records: (DeviceRecord | null)[]): DeviceRecord | null {
  let found: DeviceRecord | null = null;
  for (const record of records) if (record && (!found || record.writtenAt > found.writtenAt)) found = record;
  return found;
}

function maxRevision(annotations: readonly SyncAnnotation[]): number {
  let top = 0;
  for (const a of annotations) top = Math.max(top, a.revision);
  return top;
}

/** What the annotator is told after a recovery, or null when there was nothing to recover. */
export function recoveryNotice(recovery: Recovery): string | null {
  const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
  if (recovery.kind === 'none') return null;
  const { restored, keptApart } = recovery.outcome;
  if (recovery.kind === 'older') {
    return `${count(restored, 'label')} that had not reached the database when the app last closed ${restored === 1 ? 'was' : 'were'} put back from this device's second copy of your labels.`;
  }
  const names = recovery.projects.map((n) => `“${n}”`).join(', ');
  const back = restored > 0 ? `${count(restored, 'label')} came back from the second copy fieldlabel keeps of your labels. ` : '';
  const tasks = keptApart > 0 ? 'Open each project’s bundle file (Open project file…) to bring its tasks back: the labels join them.' : 'Open each project’s bundle file (Open project file…) to bring its tasks back, then import your last label file.';
  const listed = recovery.projects.length === 1 ? `Your project ${names} is listed again.` : `Your projects ${names} are listed again.`;
  return `The browser emptied this device’s database (this can happen when the disk runs full or the device crashes). ${listed} ${back}The tasks were not in that copy. ${tasks}`;
}
