import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangeFeed, type ChangeKind } from '../../../src/lib/state/change-feed';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

/** A tab's feed on its own channel object, all of one name (a test's own, so tests never hear each other). */
function feed(name: string, projectId: string, heard: ChangeKind[]): ChangeFeed {
  const made = new ChangeFeed(projectId, (what) => heard.push(what), new BroadcastChannel(name));
  open.push(made);
  return made;
}

describe('ChangeFeed', () => {
  it('tells the other tabs with the same project what changed, not the tab that posted nor other projects', async () => {
    const name = `changes-${Math.random()}`;
    const a: ChangeKind[] = [];
    const b: ChangeKind[] = [];
    const other: ChangeKind[] = [];
    const tabA = feed(name, 'p1', a);
    feed(name, 'p1', b);
    feed(name, 'p2', other);
    tabA.post('labels');
    tabA.post('tasks');
    await vi.waitFor(() => expect(b).toEqual(['labels', 'tasks']));
    expect(a).toEqual([]);
    expect(other).toEqual([]);
  });

  it('ignores messages that are not a change', async () => {
    const name = `changes-${Math.random()}`;
    const heard: ChangeKind[] = [];
    feed(name, 'p1', heard);
    const stranger = new BroadcastChannel(name);
    open.push(stranger);
    for (const message of [null, 'labels', { projectId: 'p1', what: 'everything' }, { projectId: 1, what: 'labels' }]) stranger.postMessage(message);
    stranger.postMessage({ projectId: 'p1', what: 'labels' });
    await vi.waitFor(() => expect(heard).toEqual(['labels']));
  });
});
