// What the header and footer say about this device: network, storage, a waiting update.

export interface StorageState {
  usedBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

class DeviceState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  storage = $state<StorageState | null>(null);
  updateReady = $state(false);
  private applyUpdate: (() => void) | null = null;

  constructor() {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
  }

  async refreshStorage(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
    this.storage = { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
  }

  /** Asked before the first import: without it the browser may evict the annotator's labels under storage pressure. */
  async requestPersistence(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
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
