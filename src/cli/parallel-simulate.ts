// Every (seed, strategy) run is independent, so `fieldlabel simulate` spreads them over worker threads, one per
// core: the same results as in one thread (each run's randomness is its own), in about half the time on the 2-core
// machines we target. Jobs are handed out one at a time, so a slow strategy does not leave a core idle.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SamplingStrategy } from '../lib/learn/sampling';
import type { SeedRun, SimulationCorpus, SimulationOptions, SimulationProgress } from '../lib/learn/simulate';

/** Strategies from slowest to fastest per run: hybrid also clusters, the uncertainty ones score the pool. */
const COST_RANK: readonly SamplingStrategy[] = ['hybrid', 'least-confidence', 'margin', 'entropy', 'random', 'sequential'];

export interface WorkerRequest {
  seed: number;
  strategy: SamplingStrategy;
}

export type WorkerReply =
  | { kind: 'progress'; progress: SimulationProgress }
  | { kind: 'done'; seed: number; strategy: SamplingStrategy; fullAccuracy: number; curve: [number, number][] };

/**
 * Run from TypeScript sources (tsx), the worker must install tsx's loader before it imports the worker module:
 * Node 20 does not pass module hooks on to worker threads, not even through execArgv.
 */
function startWorker(workerData: unknown): Worker {
  const script = new URL(`./simulate-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export async function runInParallel(
  corpus: SimulationCorpus,
  options: Omit<SimulationOptions, 'onProgress'>,
  jobs: number,
  onProgress: (progress: SimulationProgress) => void,
): Promise<SeedRun[]> {
  const queue: WorkerRequest[] = [];
  for (let seed = 1; seed <= options.seeds; seed++) for (const strategy of options.strategies) queue.push({ seed, strategy });
  // Longest jobs first, so the last job to finish is a short one and no core idles at the end.
  queue.sort((a, b) => COST_RANK.indexOf(a.strategy) - COST_RANK.indexOf(b.strategy) || a.seed - b.seed);
  const runs = new Map<number, SeedRun>();
  const { seeds: _, strategies: __, ...perSeed } = options;
  const workers = Array.from({ length: Math.min(jobs, queue.length) }, () => startWorker({ corpus, options: perSeed }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = (): void => {
              const job = queue.shift();
              if (job === undefined) resolve();
              else worker.postMessage(job);
            };
            worker.on('message', (reply: WorkerReply) => {
              if (reply.kind === 'progress') onProgress(reply.progress);
              else {
                const run = runs.get(reply.seed) ?? { seed: reply.seed, fullAccuracy: reply.fullAccuracy, curves: {} };
                run.curves[reply.strategy] = reply.curve;
                runs.set(reply.seed, run);
                next();
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a simulation worker stopped with code ${code}`))));
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return [...runs.values()].sort((a, b) => a.seed - b.seed);
}
