import type { FieldlabelDb } from '../db/database';
import { getSetting, putSetting } from '../db/annotator';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { fileNamePart } from '../formats/file-names';
import type { PlanTotals } from '../sync/held';
import type { SyncSession } from './sync.svelte';
import { UNSHARED, type WriteGate } from './write-gate';

// The File System Access API, as far as folder sync uses it (not in TypeScript's DOM library yet).
interface FolderHandle {
  readonly name: string;
  values(): AsyncIterable<{ kind: 'file' | 'directory'; name: string; getFile?: () => Promise<File> }>;
  getFileHandle(name: string, options: { create: boolean }): Promise<{ createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }> }>;
  queryPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
}
type DirectoryPicker = (options: { mode: 'readwrite'; id?: string }) => Promise<FolderHandle>;

const folderKey = (projectId: string) => `syncFolder:${projectId}`;
/** Often enough that a shared folder stays current, rarely enough to cost nothing while labelling. */
const AUTO_SYNC_MS = 5 * 60_000;

export interface FolderSyncResult {
  at: number;
  wrote: string;
  read: number;
  applied: PlanTotals;
  rejected: string[];
}

/**
 * Sync through a folder (a USB stick, or one another tool keeps in sync): this device writes its own label file
 * there and takes in every other label file it finds. Only where the browser has the File System Access API.
 */
export class FolderSync {
  readonly supported = typeof window !== 'undefined' && typeof (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';
  folderName = $state<string | null>(null);
  last = $state.raw<FolderSyncResult | null>(null);
  problem = $state<string | null>(null);
  busy = $state(false);

  private handle: FolderHandle | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly db: FieldlabelDb;
  private readonly project: ProjectRow;
  private readonly annotator: LocalAnnotator;
  private readonly sync: SyncSession;
  private readonly gate: WriteGate;

  /**
   * `gate`: a sync runs through it, so only in the tab that holds the project, and a tab taking the project over
   * waits for the sync under way (see ProjectLock). The owner calls restore() there and stop() when it goes.
   */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, sync: SyncSession, gate: WriteGate = UNSHARED) {
    this.db = db;
    this.project = project;
    this.annotator = annotator;
    this.sync = sync;
    this.gate = gate;
  }

  /** The file this device owns in the folder: always the same name, so each sync replaces it. */
  get ownFileName(): string {
    return `${fileNamePart(this.project.name)}_${fileNamePart(this.annotator.name)}_${this.annotator.deviceId.slice(0, 8)}.labels.jsonl`;
  }

  async restore(): Promise<void> {
    this.handle = (await getSetting<FolderHandle>(this.db, folderKey(this.project.id))) ?? null;
    this.folderName = this.handle?.name ?? null;
    if (this.handle) this.startTimer();
  }

  async choose(): Promise<void> {
    try {
      const picker = (window as unknown as { showDirectoryPicker: DirectoryPicker }).showDirectoryPicker;
      this.handle = await picker({ mode: 'readwrite', id: 'fieldlabel-sync' });
      await putSetting(this.db, folderKey(this.project.id), this.handle);
      this.folderName = this.handle.name;
      this.startTimer();
      await this.syncNow();
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.problem = `The folder cannot be used: ${(error as Error).message}`;
    }
  }

  async syncNow(): Promise<void> {
    const folder = this.handle;
    if (!folder || this.busy) return;
    this.busy = true;
    this.problem = null;
    try {
      this.last = await this.gate.run(() => this.exchange(folder));
    } catch (error) {
      this.problem = `Folder sync failed: ${(error as Error).message}. Nothing was changed.`;
    } finally {
      this.busy = false;
    }
  }

  /** Takes in the other label files in the folder, then writes this device's own. */
  private async exchange(folder: FolderHandle): Promise<FolderSyncResult> {
    if (folder.queryPermission && (await folder.queryPermission({ mode: 'readwrite' })) !== 'granted') {
      if ((await folder.requestPermission?.({ mode: 'readwrite' })) !== 'granted') throw new Error('permission to use the folder was not given');
    }
    const others: { name: string; text: string }[] = [];
    for await (const entry of folder.values()) {
      if (entry.kind === 'file' && entry.name.endsWith('.labels.jsonl') && entry.name !== this.ownFileName && entry.getFile) {
        others.push({ name: entry.name, text: await (await entry.getFile()).text() });
      }
    }
    const { applied, rejected } = await this.sync.applyFiles(others);
    // Written after taking the others in, so the folder always holds this device's merged state.
    const own = await this.sync.labelFile('full');
    const writable = await (await folder.getFileHandle(this.ownFileName, { create: true })).createWritable();
    await writable.write(own.text);
    await writable.close();
    return { at: Date.now(), wrote: this.ownFileName, read: others.length, applied, rejected };
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private startTimer(): void {
    this.stop();
    this.timer = setInterval(() => void this.syncNow(), AUTO_SYNC_MS);
  }
}
