import * as Comlink from 'comlink';
import type { ImportApi } from './api';

let worker: Comlink.Remote<ImportApi> | null = null;

/** The page's handle on the import worker, started on first use. */
export function getImportWorker(): Comlink.Remote<ImportApi> {
  worker ??= Comlink.wrap<ImportApi>(new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' }));
  return worker;
}
