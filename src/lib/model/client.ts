import * as Comlink from 'comlink';
import type { ModelApi } from './api';

let worker: Comlink.Remote<ModelApi> | null = null;

/** The page's handle on the model worker, started on first use; the main thread never runs a model. */
export function getModelWorker(): Comlink.Remote<ModelApi> {
  worker ??= Comlink.wrap<ModelApi>(new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'model' }));
  return worker;
}
