// The contract between the page and the bundle worker: both sides import this file.
import type { BundleOutcome } from '../db/sync-queries';

export type { BundleOutcome };

export interface BundleApi {
  /**
   * Reads a project bundle (streaming, every listed entry checked before anything is applied) and opens it in one
   * transaction. Resolves with what it did, in numbers; a bundle that cannot be opened is refused with its reason
   * and changes nothing.
   */
  open(file: File): Promise<{ projectId: string; outcome: BundleOutcome }>;
}
