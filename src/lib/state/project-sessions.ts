// A project's sessions in one tab (annotate, model, import, sync, review, folder sync), opened and closed together,
// and the tab's part in sharing the project with the browser's other tabs: one tab labels it (ProjectLock), the
// others follow what it stores (ChangeFeed).
import type { Progress } from '../db/annotations';
import type { FieldlabelDb } from '../db/database';
import { getProject, markProjectOpened } from '../db/projects';
import type { LocalAnnotator, ProjectRow } from '../db/rows';
import type { AnnotateSession } from './annotate-core.svelte';
import { AnchoringCheck } from './anchoring-check.svelte';
import type { Assistant } from './assistant';
import { ChangeFeed, type Channel } from './change-feed';
import { FolderSync } from './folder-sync.svelte';
import { ImportSession } from './importer.svelte';
import { ProjectLock, type LockApi } from './project-lock.svelte';
import { ProjectSettings } from './project-settings.svelte';
import { ReviewSession } from './review.svelte';
import { runOnceMore } from './run-once-more';
import { NO_COPY, type KeepCopy } from './second-copy';
import { SyncSession } from './sync.svelte';
import { canAnnotate, createAnnotateSession } from './tasks/registry';
import type { WriteGate } from './write-gate';

/** The model as the sessions use it: the annotate screen's assistant, opened on the project in its worker. */
export interface ProjectModel extends Assistant {
  open(projectId: string, annotatorId: string): Promise<void>;
}

/** Where the sessions meet the browser: see the constructor. */
export interface SessionPlaces {
  locks: LockApi | null;
  channel?: Channel;
  keepCopy?: KeepCopy;
}

/** Made once per opened project and kept across its tabs (Annotate, Model, …), so the undo history stays. */
export class ProjectSessions<Model extends ProjectModel> {
  /**
   * Opens the project `projectId` (marked as opened now, for the project list's order): its sessions, with labelling
   * under way (see open()); null when the device has no such project. `makeModel` is called only for a project that
   * exists. Throws for a project whose task type cannot be annotated in this version.
   */
  static async open<Model extends ProjectModel>(
    db: FieldlabelDb,
    projectId: string,
    annotator: LocalAnnotator,
    makeModel: () => Model,
    { locks, channel, keepCopy }: SessionPlaces,
  ): Promise<ProjectSessions<Model> | null> {
    await markProjectOpened(db, projectId);
    const project = await getProject(db, projectId);
    if (!project) return null;
    if (!canAnnotate(project.taskType)) throw new Error(`"${project.name}" is a project of a kind this version of fieldlabel cannot open (${project.taskType}).`);
    const sessions = new ProjectSessions(db, project, annotator, makeModel(), locks, channel, keepCopy);
    void sessions.open();
    return sessions;
  }

  readonly project: ProjectRow;
  readonly lock: ProjectLock;
  readonly annotate: AnnotateSession;
  readonly model: Model;
  readonly importer: ImportSession;
  readonly sync: SyncSession;
  readonly review: ReviewSession;
  readonly folder: FolderSync;
  /** The Model screen's check whether suggestions sway the annotator. */
  readonly anchoring: AnchoringCheck;
  /** What the Settings screen changes in the project while it is open (the hidden share). */
  readonly settings: ProjectSettings;
  private readonly feed: ChangeFeed;
  /** Each opening re-reads every task in the worker: openings asked for meanwhile share one more run. */
  private readonly openModel: () => Promise<void>;

  /**
   * `locks`: navigator.locks (null without Web Locks); `channel`: where tabs hear of changes (see ChangeFeed);
   * `keepCopy`: where every label stored also goes (the second copy, see SecondCopy).
   */
  constructor(db: FieldlabelDb, project: ProjectRow, annotator: LocalAnnotator, model: Model, locks: LockApi | null, channel?: Channel, keepCopy: KeepCopy = NO_COPY) {
    this.project = project;
    this.model = model;
    this.lock = new ProjectLock(locks, project.id, { takenOver: () => this.readAgain(), stopping: () => this.stopWriting() });
    // Every write of labels goes through the lock, and the other tabs hear of it once it is stored.
    const gate: WriteGate = {
      run: (work) => {
        const running = this.lock.run(work);
        void running.then(() => this.feed.post('labels'), () => undefined);
        return running;
      },
    };
    this.annotate = createAnnotateSession(db, project, annotator, model, { gate, keepCopy });
    this.openModel = runOnceMore(() => model.open(project.id, annotator.id).then(() => this.annotate.refreshSuggestion()));
    const changed = () => void this.annotate.refresh().then(this.openModel);
    this.importer = new ImportSession(project.id, () => {
      this.feed.post('tasks');
      changed();
    });
    this.sync = new SyncSession(db, project, annotator, changed, gate);
    this.review = new ReviewSession(db, project, gate, keepCopy);
    this.folder = new FolderSync(db, project, annotator, this.sync, gate);
    this.anchoring = new AnchoringCheck(db, project.id, annotator.id);
    // A new hidden share applies from the next task on: the task after the shown one is prepared again.
    this.settings = new ProjectSettings(db, project, () => {
      this.feed.post('labels');
      void this.annotate.refresh();
    });
    this.feed = new ChangeFeed(project.id, () => void this.follow(), channel);
  }

  private opening: Promise<void> | null = null;

  /**
   * Takes the project unless another tab has it, then opens where the annotator left off; labelling starts at once.
   * Asked again, it is the same opening.
   */
  open(): Promise<void> {
    this.opening ??= this.openOnce();
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    await this.lock.open();
    // Suggestions join as soon as the model worker has the project ready.
    void this.openModel();
    // Kept with the project, not the Sync tab: the label file is written every few minutes while the annotator labels.
    if (this.lock.held) void this.folder.restore();
    await this.annotate.open();
  }

  /** The annotator's counts, for the screens beside the annotate one. */
  get progress(): Progress {
    return this.annotate.progress;
  }

  /** This tab leaves the project: what it began storing is stored, then another tab may have it. */
  async close(): Promise<void> {
    await this.lock.close();
    this.feed.close();
  }

  /**
   * Another tab stored labels or tasks: counts, the task shown and the one after it are read again (undo checks its
   * own labels when used). Changes arriving meanwhile share one more read.
   */
  private readonly follow = runOnceMore(async () => {
    await this.settings.reload();
    await this.annotate.refresh();
    if (this.lock.held) await this.openModel();
  });

  /** Taken over from another tab, before labelling here: what it stored is read, and the folder sync runs here now. */
  private async readAgain(): Promise<void> {
    await this.settings.reload();
    await this.annotate.refresh();
    void this.openModel();
    void this.folder.restore();
  }

  /** Another tab takes the project, or this tab leaves it: no more folder syncs here, and every decision is stored. */
  private async stopWriting(): Promise<void> {
    this.folder.stop();
    await this.annotate.settled();
  }
}
