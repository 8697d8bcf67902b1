import * as Comlink from 'comlink';
import type { ImportRow } from '../db/rows';
import type { CompareReadFormat } from '../formats/compare/format-names';
import type { LabelFormat, ReadOptions } from '../formats/spans/registry';
import type { FileInspection, ImportProgress } from '../import/api';
import { getImportWorker } from '../import/client';
import { device } from './device.svelte';

export type ImportPhase = 'idle' | 'inspecting' | 'choosing' | 'running' | 'finished';

/** What became of one file: a finished import row, or a refusal before anything started. */
export interface ImportOutcome {
  key: number;
  fileName: string;
  row: ImportRow | null;
  error: string | null;
}

/** One file going into one project: inspect → (pick the text column) → run with progress → summary. */
export class ImportSession {
  phase = $state<ImportPhase>('idle');
  file = $state.raw<File | null>(null);
  inspection = $state.raw<FileInspection | null>(null);
  progress = $state<ImportProgress | null>(null);
  /** Newest first: every file handled since the tab opened. */
  outcomes = $state.raw<ImportOutcome[]>([]);
  cancelling = $state(false);

  private readonly projectId: string;
  private readonly onImported: () => void;
  private waiting: File[] = [];

  constructor(projectId: string, onImported: () => void) {
    this.projectId = projectId;
    this.onImported = onImported;
  }

  get busy(): boolean {
    return this.phase === 'inspecting' || this.phase === 'running';
  }

  /** Several files are imported one after another, each with its own summary. */
  async choose(files: File[]): Promise<void> {
    this.waiting.push(...files);
    if (!this.busy && this.phase !== 'choosing') await this.next();
  }

  /** Plain tasks: one text per record, from the given field. */
  start(textField: string): Promise<void> {
    return this.runWith((file, onProgress) => getImportWorker().run(file, this.projectId, textField, onProgress));
  }

  /** Another labelling tool's file, read as `format` (what was detected, or what the user chose instead). */
  startLabelled(format: LabelFormat, options: ReadOptions): Promise<void> {
    return this.runWith((file, onProgress) => getImportWorker().runLabelled(file, this.projectId, format, options, onProgress));
  }

  /** A file of responses to compare, read as `format` (what was detected, or what the user chose instead). */
  startCompare(format: CompareReadFormat): Promise<void> {
    return this.runWith((file, onProgress) => getImportWorker().runCompare(file, this.projectId, format, onProgress));
  }

  private async runWith(run: (file: File, onProgress: (progress: ImportProgress) => void) => Promise<ImportRow>): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.phase = 'running';
    this.cancelling = false;
    this.progress = { bytesRead: 0, totalBytes: file.size, added: 0, duplicates: 0, rejected: 0 };
    try {
      await device.requestPersistence();
      const row = await run(file, Comlink.proxy((progress: ImportProgress) => (this.progress = progress)));
      this.record(file.name, row, null);
    } catch (error) {
      this.record(file.name, null, (error as Error).message);
    }
    this.phase = 'finished';
    this.onImported();
    void device.refreshStorage();
    if (this.waiting.length > 0) await this.next();
  }

  cancel(): void {
    if (this.phase === 'choosing') {
      this.phase = 'idle';
      this.waiting = [];
      return;
    }
    this.cancelling = true;
    void getImportWorker().cancel();
  }

  private record(fileName: string, row: ImportRow | null, error: string | null): void {
    this.outcomes = [{ key: this.outcomes.length, fileName, row, error }, ...this.outcomes];
  }

  private async next(): Promise<void> {
    const file = this.waiting.shift();
    if (!file) return;
    this.file = file;
    this.inspection = null;
    this.progress = null;
    this.phase = 'inspecting';
    try {
      this.inspection = await getImportWorker().inspect(file);
    } catch (error) {
      this.record(file.name, null, (error as Error).message);
      this.phase = 'finished';
      if (this.waiting.length > 0) await this.next();
      return;
    }
    const { textField, labelled, compare } = this.inspection;
    if (textField === null || labelled !== null || compare !== null) this.phase = 'choosing';
    else await this.start(textField);
  }
}
