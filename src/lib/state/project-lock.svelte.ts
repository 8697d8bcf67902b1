// One tab labels a project at a time (issue #17). Two Web Locks per project:
// - `fieldlabel-project-<id>` says which tab has the project. It is asked for with `ifAvailable` on opening (taken:
//   the tab shows "open in another tab") and with `steal` to take the project over.
// - `fieldlabel-project-<id>-writing` is held while the tab may write labels, and let go only once the writes it began
//   are stored. It is never stolen: a tab taking over waits for it, so its labels are ordered after the other tab's
//   last ones, and it re-reads the project before labelling.
import type { WriteGate } from './write-gate';

/** The part of the Web Locks API used here: navigator.locks in the browser, a fake in Node's tests. */
export interface LockApi {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/**
 * opening → held | elsewhere; elsewhere | taken → taking-over → held; held → handing-over (another tab took it) → taken;
 * any → closed (this tab left the project).
 */
export type ProjectLockState = 'opening' | 'held' | 'elsewhere' | 'taking-over' | 'handing-over' | 'taken' | 'closed';

export interface ProjectLockHooks {
  /** After a take-over, before this tab labels: read the project again, the other tab labelled meanwhile. */
  takenOver: () => Promise<void>;
  /** Another tab took the project, or this tab leaves it: start no more writes, and let those begun be stored. */
  stopping: () => Promise<void>;
}

export const NOT_HERE = 'This project is open in another tab; take it over here to change its labels.';

interface HeldLock {
  release(): void;
  /** Settles when another tab stole the lock. */
  lost: Promise<void>;
  /** Settles once the lock is free again (let go or stolen). */
  released: Promise<void>;
}

/** Asks for a lock; resolves once it is granted, or with null when asked `ifAvailable` and someone else has it. */
function hold(locks: LockApi, name: string, options: { ifAvailable?: boolean; steal?: boolean }): Promise<HeldLock | null> {
  return new Promise((resolve, reject) => {
    let release = () => {};
    const kept = new Promise<void>((done) => (release = done));
    let stolen = () => {};
    const lost = new Promise<void>((done) => (stolen = done));
    let granted = false;
    const request = locks.request(name, options, (lock) => {
      if (lock === null) {
        resolve(null);
        return undefined;
      }
      granted = true;
      resolve({ release, lost, released });
      return kept;
    });
    const released = request.then(
      () => undefined,
      (error: unknown) => {
        if (!granted) reject(error);
        else if ((error as Error).name === 'AbortError') stolen();
      },
    );
  });
}

/** Locks this tab is letting go of, by name: opening the same project again here waits for them, not "elsewhere". */
const releasing = new WeakMap<LockApi, Map<string, Promise<void>>>();

/** This tab's claim on one project; also the gate every write of the project's labels in this tab goes through. */
export class ProjectLock implements WriteGate {
  state = $state<ProjectLockState>('opening');

  private readonly locks: LockApi | null;
  private readonly name: string;
  private readonly hooks: ProjectLockHooks;
  private project: HeldLock | null = null;
  private writing: HeldLock | null = null;
  private writes = 0;
  private idle: (() => void)[] = [];

  /** `locks` null: a browser without Web Locks, where every tab labels, as before them. */
  constructor(locks: LockApi | null, projectId: string, hooks: ProjectLockHooks) {
    this.locks = locks;
    this.name = `fieldlabel-project-${projectId}`;
    this.hooks = hooks;
  }

  /** This tab may label. */
  get held(): boolean {
    return this.state === 'held';
  }

  /** Takes the project if no other tab has it. */
  async open(): Promise<void> {
    if (!this.locks) {
      this.state = 'held';
      return;
    }
    await releasing.get(this.locks)?.get(this.name);
    const project = await hold(this.locks, this.name, { ifAvailable: true });
    if (this.left()) project?.release();
    else if (!project) this.state = 'elsewhere';
    else await this.own(project, false);
  }

  /** Takes the project from the tab that has it; that tab stores what it was writing, then this one reads and labels. */
  async takeOver(): Promise<void> {
    if (!this.locks || (this.state !== 'elsewhere' && this.state !== 'taken')) return;
    this.state = 'taking-over';
    const project = await hold(this.locks, this.name, { steal: true });
    if (this.left()) project?.release();
    else if (project) await this.own(project, true);
  }

  /** This tab leaves the project: the project is free at once, the writing lock once what was begun is stored. */
  close(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    const done = this.handOver('closed');
    const locks = this.locks;
    if (locks) {
      const names = releasing.get(locks) ?? new Map<string, Promise<void>>();
      releasing.set(locks, names);
      names.set(this.name, done);
      void done.then(() => {
        if (names.get(this.name) === done) names.delete(this.name);
      });
    }
    return done;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.locks && !this.writing) return Promise.reject(new Error(NOT_HERE));
    this.writes++;
    let running: Promise<T>;
    try {
      // Called at once, not after a microtask: a label's transaction must open before the next task is read.
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.finally(() => {
      this.writes--;
      if (this.writes === 0) this.idle.splice(0).forEach((wake) => wake());
    });
  }

  /** This tab left the project while a lock was being asked for. */
  private left(): boolean {
    return this.state === 'closed';
  }

  private async own(project: HeldLock, reread: boolean): Promise<void> {
    this.project = project;
    void project.lost.then(() => {
      if (this.project === project) void this.handOver('taken');
    });
    const writing = await hold(this.locks as LockApi, `${this.name}-writing`, {});
    if (this.project !== project) {
      writing?.release();
      return;
    }
    this.writing = writing;
    if (reread) await this.hooks.takenOver();
    if (this.project === project) this.state = 'held';
  }

  private async handOver(next: 'taken' | 'closed'): Promise<void> {
    const project = this.project;
    this.project = null;
    project?.release();
    this.state = next === 'taken' ? 'handing-over' : 'closed';
    // Whatever went wrong there, the writing lock must go: the other tab waits for it.
    await this.hooks.stopping().catch(() => undefined);
    while (this.writes > 0) await new Promise<void>((wake) => this.idle.push(wake));
    // No await between the last count and letting go: a write starting now is refused (run), not lost in between.
    const writing = this.writing;
    this.writing = null;
    writing?.release();
    if (this.state === 'handing-over') this.state = 'taken';
    await Promise.all([project?.released, writing?.released]);
  }
}
