// Tells the other tabs of this browser that a project's labels or tasks changed, so their views follow (issue #17):
// counts, the task shown and what undo may take back are read again there.

export const CHANGES_CHANNEL = 'fieldlabel-changes';

export type ChangeKind = 'labels' | 'tasks';

export interface ProjectChange {
  projectId: string;
  what: ChangeKind;
}

/** The part of BroadcastChannel used here. */
export interface Channel {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

function isChange(data: unknown): data is ProjectChange {
  const change = data as Partial<ProjectChange> | null;
  return typeof change?.projectId === 'string' && (change.what === 'labels' || change.what === 'tasks');
}

/** One open project's changes: posted after this tab stored them, heard when another tab did. */
export class ChangeFeed {
  private readonly projectId: string;
  private readonly channel: Channel;

  /** A channel never hears its own posts, so `onChange` hears only other tabs (and other feeds of this one). */
  constructor(projectId: string, onChange: (what: ChangeKind) => void, channel: Channel = new BroadcastChannel(CHANGES_CHANNEL)) {
    this.projectId = projectId;
    this.channel = channel;
    channel.onmessage = (event) => {
      if (isChange(event.data) && event.data.projectId === projectId) onChange(event.data.what);
    };
  }

  post(what: ChangeKind): void {
    this.channel.postMessage({ projectId: this.projectId, what } satisfies ProjectChange);
  }

  close(): void {
    this.channel.close();
  }
}

/** For a change made outside an open project (a bundle opened from the project list). */
export function announceChange(change: ProjectChange): void {
  const channel = new BroadcastChannel(CHANGES_CHANNEL);
  channel.postMessage(change);
  channel.close();
}
