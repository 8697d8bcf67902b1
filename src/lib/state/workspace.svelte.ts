import { getOrCreateLocalAnnotator, rememberAnnotators, renameLocalAnnotator } from '../db/annotator';
import { getProgress, type Progress } from '../db/annotations';
import { getPageDb, type FieldlabelDb } from '../db/database';
import { recoverInterruptedImports } from '../db/imports';
import { countHeld } from '../db/sync-queries';
import { createProject, deleteProject, listProjects, type NewProject } from '../db/projects';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { importLockName } from '../import/api';
import type { BundleOutcome } from '../bundle/api';
import { getBundleWorker } from '../bundle/client';
import { getCopyWorker } from '../storage/copy-client';
import { announceChange } from './change-feed';
import { device } from './device.svelte';
import { recoveryNotice, SecondCopy, type Recovery } from './second-copy';

export interface ProjectSummary {
  project: ProjectRow;
  progress: Progress;
  /** Annotations kept apart, waiting for tasks the project does not have (yet): after a restore, say. */
  held: number;
}

/** Is some tab's import worker still holding this import's lock? */
async function importIsAlive(importId: string): Promise<boolean> {
  if (!navigator.locks) return false;
  return navigator.locks.request(importLockName(importId), { ifAvailable: true }, (lock) => lock === null);
}

/** The annotator, their projects and the database connection: what every screen starts from. */
class Workspace {
  readonly db: FieldlabelDb = getPageDb();
  annotator = $state.raw<LocalAnnotator | null>(null);
  projects = $state.raw<ProjectSummary[]>([]);
  ready = $state(false);
  notice = $state<string | null>(null);
  failure = $state<string | null>(null);
  /** The second copy of this device's labels, outside IndexedDB: see SecondCopy. */
  readonly copy = new SecondCopy(getCopyWorker(), (error) => {
    // A browser without a private file system keeps no second copy; only a full disk is news for the annotator.
    if ((error as { name?: string } | null)?.name === 'QuotaExceededError') device.ranOutOfRoom();
  });

  async start(): Promise<void> {
    try {
      const recovery = await this.recover();
      this.annotator = await getOrCreateLocalAnnotator(this.db);
      await rememberAnnotators(this.db, [this.annotator]);
      const recovered = await recoverInterruptedImports(this.db, importIsAlive);
      const notices = [recoveryNotice(recovery)];
      if (recovered.length > 0) {
        notices.push(`${recovered.map((r) => r.fileName).join(', ')}: the import was interrupted when the app closed; nothing from it was kept. Import the file again.`);
      }
      this.notice = notices.filter((n) => n !== null).join(' ') || null;
      await this.loadProjects();
      this.ready = true;
      void device.refreshStorage();
    } catch (error) {
      this.failure = `The app cannot open its storage on this device: ${(error as Error).message}`;
    }
  }

  /**
   * What the database lost and the second copy still has comes back first (one tab at a time). The copy failing to
   * be read never keeps the app from starting.
   */
  private async recover(): Promise<Recovery> {
    // The journals are folded after the recovery read them, never while it reads.
    const run = () =>
      this.copy
        .recover(this.db)
        .catch((): Recovery => ({ kind: 'none' }))
        .then(async (recovery) => (await this.copy.compact(), recovery));
    return navigator.locks ? navigator.locks.request('fieldlabel-recover', run) : run();
  }

  async loadProjects(): Promise<void> {
    const annotator = this.annotator;
    if (!annotator) return;
    const rows = await listProjects(this.db);
    this.projects = await Promise.all(
      rows.map(async (project) => ({
        project,
        progress: await getProgress(this.db, project.id, annotator.id),
        held: (await countHeld(this.db, project.id)).annotations,
      })),
    );
    // The device record follows the project list, so a database found empty later can say what it held.
    void this.copy.describe(annotator, rows);
  }

  async createProject(input: NewProject): Promise<ProjectRow> {
    const row = await createProject(this.db, input);
    await this.loadProjects();
    void device.requestPersistence();
    return row;
  }

  async deleteProject(id: string): Promise<void> {
    await deleteProject(this.db, id);
    await this.loadProjects();
    void device.refreshStorage();
  }

  /**
   * Opens a project bundle in the bundle worker: a new project with the bundle's ids, or new tasks and merged labels
   * for one already here.
   */
  async openBundle(file: File): Promise<{ projectId: string; outcome: BundleOutcome }> {
    const opened = await getBundleWorker().open(file);
    // A tab with the project open reads it again: the bundle may bring tasks and merge labels.
    announceChange({ projectId: opened.projectId, what: 'tasks' });
    await this.loadProjects();
    void device.requestPersistence();
    return opened;
  }

  async renameAnnotator(name: string): Promise<void> {
    this.annotator = await renameLocalAnnotator(this.db, name);
    await rememberAnnotators(this.db, [this.annotator]);
    void this.copy.describe(this.annotator, this.projects.map((p) => p.project));
  }
}

export const workspace = new Workspace();
