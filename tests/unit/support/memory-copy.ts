// The second copy's files in memory, for unit tests: what copy.worker.ts keeps in the origin private file system.
import type { CopyApi } from '../../../src/lib/storage/copy-api';
import { foldJournals, lastRevision } from '../../../src/lib/storage/copy-format';

export class MemoryCopy implements CopyApi {
  journals: string[] = [''];
  device: string[] = [];
  /** Set to make every append fail, as on a full disk. */
  full = false;

  async append(lines: string): Promise<void> {
    if (this.full) throw new DOMException('disk full', 'QuotaExceededError');
    this.journals[this.journals.length - 1] += lines;
  }

  async writeDevice(text: string): Promise<void> {
    this.device = [text];
  }

  async readDevice(): Promise<string[]> {
    return this.device;
  }

  async lastRevision(): Promise<number> {
    return Math.max(0, ...this.journals.map(lastRevision));
  }

  async readJournals(): Promise<string[]> {
    return this.journals.filter((j) => j !== '');
  }

  async compact(): Promise<void> {
    this.journals = [foldJournals(this.journals), ''];
  }

  /** A later tab (a reload) appends to a file of its own. */
  newSession(): void {
    this.journals.push('');
  }
}
