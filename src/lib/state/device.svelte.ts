// What the header and footer say about this device: whether the app's server answers, storage, a waiting update.
import { browserRoomDeps } from '../storage/job-room';
import { headroomBytes, isStorageLow, MIN_HEADROOM_BYTES, roomAtMost } from '../storage/room';
import { probeOrigin, REACHABILITY_FILE, ReachabilityWatch, type Reachability } from './reachability';

export interface StorageState {
  usedBytes: number;
  quotaBytes: number;
  persisted: boolean;
  /** Whether this device ever asked the browser for persistent storage (and so `persisted` is its answer). */
  asked: boolean;
}

/** Less room than fieldlabel keeps free for labels (see storage/room.ts). */
export interface LowStorage {
  /** At most this much is free (the browser's figure is rounded up). */
  freeBytes: number;
  headroomBytes: number;
}

/** How often the room is checked while the app is open, beside the checks after every import and at start. */
const ROOM_CHECK_MS = 15 * 60_000;

/** Remembered across reloads: the browser only says whether storage is persistent, not whether it was asked. */
const PERSISTENCE_ASKED_KEY = 'fieldlabel.persistenceAsked';

class DeviceState {
  /** The app's origin answered the last time it was asked (and until it was first asked). */
  online = $state(true);
  storage = $state<StorageState | null>(null);
  /** Set while the device has less room than the headroom: every screen says so (LowStorageBanner). */
  storageLow = $state<LowStorage | null>(null);
  updateReady = $state(false);
  private applyUpdate: (() => void) | null = null;

  constructor() {
    if (typeof window === 'undefined') return;
    const url = new URL(`${import.meta.env.BASE_URL}${REACHABILITY_FILE}`, window.location.href).href;
    const watch = new ReachabilityWatch({
      probe: () => probeOrigin(url),
      later: (fn, ms) => {
        const timer = window.setTimeout(fn, ms);
        return () => window.clearTimeout(timer);
      },
      onChange: (state: Reachability) => (this.online = state !== 'unreachable'),
    });
    void watch.check();
    // The browser's own events are hints that something changed, never the answer.
    window.addEventListener('online', () => void watch.check());
    window.addEventListener('offline', () => void watch.check());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void watch.check();
    });
    window.setInterval(() => void this.checkRoom(), ROOM_CHECK_MS);
  }

  /** Whether the headroom is surely free, by the browser's figure (see storage/room.ts). */
  async checkRoom(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    const figures = await browserRoomDeps.estimate();
    this.storageLow = isStorageLow(figures) ? { freeBytes: roomAtMost(figures), headroomBytes: headroomBytes(figures) } : null;
  }

  /** A write failed for want of room: storage is low, whatever the last check said. */
  ranOutOfRoom(): void {
    this.storageLow = { freeBytes: 0, headroomBytes: this.storageLow?.headroomBytes ?? MIN_HEADROOM_BYTES };
  }

  /** Usage and persistence for the footer, and whether the room is getting short; after every job that stores much. */
  async refreshStorage(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    void this.checkRoom();
    const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
    const asked = globalThis.localStorage?.getItem(PERSISTENCE_ASKED_KEY) !== null;
    this.storage = { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted, asked };
  }

  /**
   * Asked when a project is created, a bundle is opened and before an import: without it the browser may evict the
   * annotator's labels under storage pressure.
   */
  async requestPersistence(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    globalThis.localStorage?.setItem(PERSISTENCE_ASKED_KEY, String(Date.now()));
    await this.refreshStorage();
    return granted;
  }

  offerUpdate(apply: () => void): void {
    this.applyUpdate = apply;
    this.updateReady = true;
  }

  update(): void {
    this.applyUpdate?.();
  }
}

export const device = new DeviceState();
