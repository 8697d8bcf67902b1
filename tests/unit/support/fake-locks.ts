// Web Locks for Node, which has no navigator.locks: exclusive locks by name, granted in request order, with
// `ifAvailable` (the callback gets null when the lock is taken) and `steal` (the holder's request rejects with an
// AbortError at once, and its lock goes to the thief). Callbacks run a microtask later, never inside request().
import type { LockApi } from '../../../src/lib/state/project-lock.svelte';

interface Request {
  name: string;
  callback: (lock: unknown) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class FakeLocks implements LockApi {
  private readonly held = new Map<string, Request>();
  private readonly queued: Request[] = [];

  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request = { name, callback, resolve, reject };
      const holder = this.held.get(name);
      if (options.steal) {
        if (holder) {
          this.held.delete(name);
          holder.reject(new DOMException('The lock was stolen by another request.', 'AbortError'));
        }
        this.grant(request);
      } else if (!holder && !this.queued.some((q) => q.name === name)) {
        this.grant(request);
      } else if (options.ifAvailable) {
        void Promise.resolve()
          .then(() => callback(null))
          .then(resolve, reject);
      } else {
        this.queued.push(request);
      }
    });
  }

  /** Whether anyone holds the lock of that name. */
  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private grant(request: Request): void {
    this.held.set(request.name, request);
    void Promise.resolve()
      .then(() => request.callback({ name: request.name, mode: 'exclusive' }))
      .then(
        (result) => this.release(request, () => request.resolve(result)),
        (error: unknown) => this.release(request, () => request.reject(error)),
      );
  }

  /** The lock is free before its request's promise settles, as in the browser. A stolen lock was let go already. */
  private release(request: Request, settle: () => void): void {
    if (this.held.get(request.name) !== request) return;
    this.held.delete(request.name);
    settle();
    const next = this.queued.findIndex((q) => q.name === request.name);
    if (next >= 0) this.grant(this.queued.splice(next, 1)[0] as Request);
  }
}
