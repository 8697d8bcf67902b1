import * as Comlink from 'comlink';
import type { ModelApi, ThreadChoice } from './api';
import { isThreadChoice } from './threads';

let worker: Comlink.Remote<ModelApi> | null = null;

/** A device preference, not project data: kept with the browser profile like the app itself. */
export const THREADS_KEY = 'fieldlabel.model-threads';

export function savedThreadChoice(): ThreadChoice {
  const saved = globalThis.localStorage?.getItem(THREADS_KEY);
  return isThreadChoice(saved) ? saved : 'spare-one';
}

export function saveThreadChoice(choice: ThreadChoice): void {
  globalThis.localStorage?.setItem(THREADS_KEY, choice);
}

/** The page's handle on the model worker, started on first use; the main thread never runs a model. */
export function getModelWorker(): Comlink.Remote<ModelApi> {
  if (!worker) {
    worker = Comlink.wrap<ModelApi>(new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'model' }));
    // Messages are handled in order, so this reaches the worker before anything that could load a model.
    void worker.useThreads(savedThreadChoice());
  }
  return worker;
}
