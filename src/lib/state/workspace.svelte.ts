import { getOrCreateLocalAnnotator, rememberAnnotators, renameLocalAnnotator } from '../db/annotator';
import { getProgress, type Progress } from '../db/annotations';
import { getPageDb, type FieldlabelDb } from '../db/database';
import { recoverInterruptedImports } from '../db/imports';
import { createProject, deleteProject, listProjects, markProjectOpened, type NewProject } from '../db/projects';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import { importLockName } from '../import/api';
import type { BundleOutcome } from '../bundle/api';
import { getBundleWorker } from '../bundle/client';
import { announceChange } from './change-feed';
import { device } from './device.svelte';

export interface ProjectSummary {
  project: ProjectRow;
  progress: Progress;
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

  async start(): Promise<void> {
    try {
      this.annotator = await getOrCreateLocalAnnotator(this.db);
      await rememberAnnotators(this.db, [this.annotator]);
      const recovered = await recoverInterruptedImports(this.db, importIsAlive);
      if (recovered.length > 0) {
        this.notice = `${recovered.map((r) => r.fileName).join(', ')}: the import was interrupted when the app closed; nothing from it was kept. Import the file again.`;
      }
      await this.loadProjects();
      this.ready = true;
      void device.refreshStorage();
    } catch (error) {
      this.failure = `The app cannot open its storage on this device: ${(error as Error).message}`;
    }
  }

  async loadProjects(): Promise<void> {
    const annotator = this.annotator;
    if (!annotator) return;
    const rows = await listProjects(this.db);
    this.projects = await Promise.all(rows.map(async (project) => ({ project, progress: await getProgress(this.db, project.id, annotator.id) })));
  }

  async createProject(input: NewProject): Promise<ProjectRow> {
    const row = await createProject(this.db, input);
    await this.loadProjects();
    void device.requestPersistence();
    return row;
  }

  async openProject(id: string): Promise<ProjectRow | undefined> {
    await markProjectOpened(this.db, id);
    return this.db.projects.get(id);
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
  }
}

export const workspace = new Workspace();
