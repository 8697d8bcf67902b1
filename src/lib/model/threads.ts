// How many threads onnxruntime's wasm may use in the model worker. Threads need cross-origin isolation
// (SharedArrayBuffer). By default one core stays free for the page, so embedding in the background never makes
// labelling stutter; an annotator who leaves the model to embed a large project can give it every core.

export type ThreadChoice = 'spare-one' | 'all';

export const THREAD_CHOICES: readonly ThreadChoice[] = ['spare-one', 'all'];

/** More threads than this gain little for a MiniLM-sized encoder and cost memory per thread. */
const MAX_THREADS = 8;

export function isThreadChoice(value: unknown): value is ThreadChoice {
  return typeof value === 'string' && (THREAD_CHOICES as readonly string[]).includes(value);
}

export function threadsFor(choice: ThreadChoice, cores: number, isolated: boolean): number {
  if (!isolated || !Number.isFinite(cores) || cores < 2) return 1;
  const wanted = choice === 'all' ? cores : cores - 1;
  return Math.max(1, Math.min(MAX_THREADS, Math.floor(wanted)));
}
