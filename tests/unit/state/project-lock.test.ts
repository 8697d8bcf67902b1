// One tab labels a project at a time (issue #17). Two tabs are two ProjectLocks over one lock manager.
import { describe, expect, it, vi } from 'vitest';
import { NOT_HERE, ProjectLock, type LockApi } from '../../../src/lib/state/project-lock.svelte';
import { FakeLocks } from '../support/fake-locks';

/** One tab's lock on project p1; its hooks say in `events` when they run. */
function tab(locks: LockApi | null, events: string[], name: string, stopping: () => Promise<void> = async () => undefined): ProjectLock {
  return new ProjectLock(locks, 'p1', {
    takenOver: async () => void events.push(`${name} reads the project again`),
    stopping: async () => {
      events.push(`${name} stops`);
      await stopping();
    },
  });
}

/** Lets every pending callback and lock grant run, to show that something did not happen. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ProjectLock', () => {
  it('lets the first tab write; the second finds the project elsewhere and its writes are refused unrun', async () => {
    const locks = new FakeLocks();
    const a = tab(locks, [], 'A');
    const b = tab(locks, [], 'B');
    await a.open();
    await b.open();
    expect([a.state, b.state]).toEqual(['held', 'elsewhere']);
    await expect(a.run(async () => 'stored')).resolves.toBe('stored');
    const work = vi.fn(async () => 'stored');
    await expect(b.run(work)).rejects.toThrow(NOT_HERE);
    expect(work).not.toHaveBeenCalled();
  });

  it('on a take-over the old tab stops and stores what it began before the new tab reads again and writes', async () => {
    const locks = new FakeLocks();
    const events: string[] = [];
    // A's last decision waits behind a commit: stopping sends it (as LabelWriter.settled does), through the gate.
    const a: ProjectLock = tab(locks, events, 'A', () => a.run(async () => void events.push('A stores a waiting label')));
    const b = tab(locks, events, 'B');
    await a.open();
    await b.open();
    let commit = () => {};
    const inFlight = a.run(() => new Promise<void>((done) => (commit = () => (events.push('A commits a label'), done()))));

    const taking = b.takeOver();
    await idle();
    expect([a.state, b.state]).toEqual(['handing-over', 'taking-over']);
    expect(events).toEqual(['A stops', 'A stores a waiting label']);
    await expect(b.run(async () => undefined)).rejects.toThrow(NOT_HERE);

    commit();
    await Promise.all([inFlight, taking]);
    expect(events).toEqual(['A stops', 'A stores a waiting label', 'A commits a label', 'B reads the project again']);
    expect([a.state, b.state]).toEqual(['taken', 'held']);
    await expect(a.run(async () => undefined)).rejects.toThrow(NOT_HERE);

    await a.takeOver();
    expect([a.state, b.state]).toEqual(['held', 'taken']);
    expect(events.slice(-2)).toEqual(['B stops', 'A reads the project again']);
  });

  it('a tab leaving the project frees it for another tab at once, and for itself coming back', async () => {
    const locks = new FakeLocks();
    const events: string[] = [];
    const a = tab(locks, events, 'A');
    await a.open();
    const leaving = a.close();
    // The same tab opens the project again while its lock is still being let go.
    const again = tab(locks, events, 'A, back');
    await again.open();
    await leaving;
    expect([a.state, again.state]).toEqual(['closed', 'held']);
    await expect(a.run(async () => undefined)).rejects.toThrow(NOT_HERE);

    const b = tab(locks, events, 'B');
    await b.open();
    expect(b.state).toBe('elsewhere');
    await again.close();
    await b.takeOver();
    expect(b.state).toBe('held');
    expect(locks.isHeld('fieldlabel-project-p1-writing')).toBe(true);
    await b.close();
    expect(locks.isHeld('fieldlabel-project-p1')).toBe(false);
    expect(locks.isHeld('fieldlabel-project-p1-writing')).toBe(false);
  });

  it('without Web Locks every tab writes, as before them', async () => {
    const a = tab(null, [], 'A');
    await a.open();
    expect(a.held).toBe(true);
    await expect(a.run(async () => 'stored')).resolves.toBe('stored');
  });
});
