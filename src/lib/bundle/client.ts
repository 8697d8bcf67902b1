import * as Comlink from 'comlink';
import type { BundleApi } from './api';

let worker: Comlink.Remote<BundleApi> | null = null;

/** The page's handle on the bundle worker, started on first use. */
export function getBundleWorker(): Comlink.Remote<BundleApi> {
  worker ??= Comlink.wrap<BundleApi>(new Worker(new URL('./bundle.worker.ts', import.meta.url), { type: 'module', name: 'bundle' }));
  return worker;
}
