// Transformers.js configured for fieldlabel's worker: never a CDN, never a hub unless the user asks for a download.
import * as transformers from '@xenova/transformers';
import wasmPlain from '@xenova/transformers/dist/ort-wasm.wasm?url';
import wasmSimd from '@xenova/transformers/dist/ort-wasm-simd.wasm?url';
import wasmSimdThreaded from '@xenova/transformers/dist/ort-wasm-simd-threaded.wasm?url';
import wasmThreaded from '@xenova/transformers/dist/ort-wasm-threaded.wasm?url';
import type { ModelFileCache } from './model-store';
import { threadsFor, type ThreadChoice } from './threads';
import { MODEL_HUB } from './model-hub';

export type Transformers = typeof transformers;

/** Where bundled model folders are served; imported ones are stored under the same URLs in Cache Storage. */
export function modelsBaseUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}models/`, self.location.origin).href;
}

export function configureTransformers(cache: ModelFileCache): Transformers {
  const { env } = transformers;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = modelsBaseUrl();
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = cache;
  // Served from our own origin (and precached): onnxruntime would otherwise fetch them from a CDN.
  env.backends.onnx.wasm.wasmPaths = {
    'ort-wasm.wasm': wasmPlain,
    'ort-wasm-simd.wasm': wasmSimd,
    'ort-wasm-threaded.wasm': wasmThreaded,
    'ort-wasm-simd-threaded.wasm': wasmSimdThreaded,
  } as unknown as string;
  env.backends.onnx.wasm.numThreads = threadsWanted('spare-one');
  return transformers;
}

/** Threads for a choice on this device: 1 unless the page is cross-origin isolated (see threads.ts). */
export function threadsWanted(choice: ThreadChoice): number {
  return threadsFor(choice, navigator.hardwareConcurrency, self.crossOriginIsolated);
}

/**
 * onnxruntime reads the thread count once, when its wasm starts (the first model load): before that a new choice
 * takes effect, after it only in a new worker (the next start of the app).
 */
export function setThreads(threads: number, runtimeStarted: boolean): number {
  const wasm = transformers.env.backends.onnx.wasm;
  if (!runtimeStarted) wasm.numThreads = threads;
  return wasm.numThreads ?? 1;
}

/** Runs `work` with hub downloads allowed: only ever called for a download the user asked for. */
export async function withRemoteModels<T>(work: () => Promise<T>): Promise<T> {
  transformers.env.remoteHost = `${MODEL_HUB}/`;
  transformers.env.allowRemoteModels = true;
  try {
    return await work();
  } finally {
    transformers.env.allowRemoteModels = false;
  }
}
