import * as Comlink from 'comlink';
import type { CopyApi } from './copy-api';

let worker: Comlink.Remote<CopyApi> | null = null;

/** The page's handle on the worker keeping the second copy, started on first use. */
export function getCopyWorker(): Comlink.Remote<CopyApi> {
  worker ??= Comlink.wrap<CopyApi>(new Worker(new URL('./copy.worker.ts', import.meta.url), { type: 'module', name: 'second-copy' }));
  return worker;
}
